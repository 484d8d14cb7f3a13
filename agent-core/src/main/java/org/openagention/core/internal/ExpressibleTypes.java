// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.openagention.core.ConfigurationException;

/**
 * The check, before a schema is generated, that every component of an argument or output type is
 * something both the JSON Schema and the binding can express. Without it a {@code Map<Integer, X>}
 * or a {@code java.time.Instant} yields a schema that the model cannot satisfy or a value that
 * cannot be bound, and the tool fails on every call instead of once at build time.
 *
 * <p>Expressible: primitives and their boxes, {@code String}, {@code BigDecimal},
 * {@code BigInteger}, {@code UUID}, {@code URI}, enums, records and classes of such components,
 * arrays and collections of them, {@code Map<String, V>} of them, {@code Map<String, Object>}
 * (any JSON object), and {@code Optional<X>} as a component's own type.
 */
final class ExpressibleTypes {
    private static final Set<Class<?>> LEAVES = Set.of(String.class, Character.class, Boolean.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class,
            UUID.class, URI.class);
    private static final String KINDS = "use String, a number, boolean, an enum, a record, List<X> or Map<String, X>";

    private final TypeFactory types = Json.MAPPER.getTypeFactory();
    private final Set<String> seen = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    private final Set<Class<?>> classes = new HashSet<>();

    private ExpressibleTypes() {}

    /**
     * Checks {@code root} and every type it reaches.
     *
     * @return the classes the schema of {@code root} is made from: the root, and every record,
     *     class (with its superclasses), enum and polymorphic base it reaches outside the JDK
     * @throws ConfigurationException naming each record, component and type that cannot be expressed
     */
    static Set<Class<?>> check(Class<?> root) {
        ExpressibleTypes check = new ExpressibleTypes();
        JavaType type = check.types.constructType(root);
        if (!isBean(type)) {
            throw new ConfigurationException(root.getName() + " does not map to a JSON object schema; "
                    + "tool arguments and structured outputs must be records or classes with fields");
        }
        check.bean(type);
        if (!check.problems.isEmpty()) {
            throw new ConfigurationException("cannot generate a JSON Schema for " + root.getName() + ": "
                    + String.join("; ", check.problems));
        }
        return check.classes;
    }

    private static boolean isBean(JavaType type) {
        Class<?> raw = type.getRawClass();
        return !type.isPrimitive() && !type.isContainerType() && !raw.isEnum() && !LEAVES.contains(raw)
                && raw != Object.class && !raw.getName().startsWith("java.") && !raw.isInterface()
                && !Modifier.isAbstract(raw.getModifiers());
    }

    private void bean(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (!seen.add(type.toCanonical())) {
            return; // checked already, or being checked (a recursive type)
        }
        if (raw.isRecord()) {
            classes.add(raw);
            for (RecordComponent c : raw.getRecordComponents()) {
                component(type, raw, c.getName(), c.getGenericType());
            }
            return;
        }
        for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
            classes.add(c);
            JavaType owner = type.findSuperType(c);
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()) && !f.isSynthetic()) {
                    component(owner == null ? type : owner, c, f.getName(), f.getGenericType());
                }
            }
        }
    }

    private void component(JavaType owner, Class<?> declaring, String name, Type declared) {
        JavaType type = types.resolveMemberType(declared, owner.getBindings());
        Site site = new Site(declaring, name, type);
        if (type.hasRawClass(Optional.class)) {
            value(type.containedTypeOrUnknown(0), site);
        } else {
            value(type, site);
        }
    }

    private void value(JavaType type, Site site) {
        Class<?> raw = type.getRawClass();
        if (type.isPrimitive() || LEAVES.contains(raw)) {
            return;
        }
        if (raw.isEnum()) {
            classes.add(raw);
            return;
        }
        if (raw == Object.class) {
            site.refuse(this, "Object says nothing about the JSON it holds (or a type variable is unresolved); "
                    + "use a record, String, or Map<String, Object> for any JSON object");
        } else if (raw == Optional.class) {
            site.refuse(this, "Optional is allowed only as a component's own type; inside a list or map, "
                    + "use the element type and leave absent values out");
        } else if (raw == OptionalInt.class || raw == OptionalLong.class || raw == OptionalDouble.class) {
            site.refuse(this, "use Optional<Integer>, Optional<Long> or Optional<Double>");
        } else if (type.isArrayType()) {
            array(type, site);
        } else if (type.isMapLikeType()) {
            map(type, site);
        } else if (type.isCollectionLikeType()) {
            collection(type, site);
        } else if (raw.getName().startsWith("java.time.")) {
            site.refuse(this, "dates and times have no JSON type; use String (ISO-8601 text) and parse it in the handler");
        } else if (raw.getName().startsWith("java.") || raw.getName().startsWith("javax.")
                || raw.getName().startsWith("com.fasterxml.")) {
            site.refuse(this, raw.getName() + " is not a type the schema generator expresses; " + KINDS);
        } else if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            polymorphic(type, site);
        } else {
            bean(type);
        }
    }

    private void array(JavaType type, Site site) {
        Class<?> element = type.getContentType().getRawClass();
        if (element == byte.class || element == char.class) {
            site.refuse(this, element + "[] reads as one string, not an array; use String or List<Integer>");
        } else {
            value(type.getContentType(), site);
        }
    }

    private void map(JavaType type, Site site) {
        if (!Map.class.isAssignableFrom(type.getRawClass()) || isRaw(type)) {
            site.refuse(this, "a raw Map says nothing about its keys and values; use Map<String, V>, "
                    + "or Map<String, Object> for any JSON object");
            return;
        }
        if (!type.getKeyType().hasRawClass(String.class)) {
            site.refuse(this, "JSON object keys are always strings; use Map<String, " + render(type.getContentType())
                    + "> and convert the keys in the handler");
            return;
        }
        if (!type.getContentType().hasRawClass(Object.class)) {
            value(type.getContentType(), site);
        }
    }

    private void collection(JavaType type, Site site) {
        if (!Collection.class.isAssignableFrom(type.getRawClass())) {
            site.refuse(this, type.getRawClass().getName() + " is not a type the schema generator expresses; " + KINDS);
        } else if (isRaw(type)) {
            site.refuse(this, "a raw " + type.getRawClass().getSimpleName()
                    + " says nothing about its elements; give the element type, such as List<String>");
        } else {
            value(type.getContentType(), site);
        }
    }

    private void polymorphic(JavaType type, Site site) {
        classes.add(type.getRawClass());
        JsonSubTypes subtypes = type.getRawClass().getAnnotation(JsonSubTypes.class);
        if (subtypes == null) {
            site.refuse(this, render(type) + " is " + (type.isInterface() ? "an interface" : "abstract")
                    + " and a JSON object cannot say which implementation it is; use a record "
                    + "(for one of several shapes, a record with an Optional component per shape)");
            return;
        }
        for (JsonSubTypes.Type subtype : subtypes.value()) {
            bean(types.constructSpecializedType(type, subtype.value()));
        }
    }

    /** Whether the type parameters were left out, as in a raw {@code Map} or {@code List}. */
    private static boolean isRaw(JavaType type) {
        return type.getBindings().isEmpty() && type.getRawClass().getTypeParameters().length > 0;
    }

    /** A type as a reader writes it: {@code Map<Integer, List<String>>}. */
    static String render(JavaType type) {
        if (type.isArrayType()) {
            return render(type.getContentType()) + "[]";
        }
        StringBuilder sb = new StringBuilder(type.getRawClass().getSimpleName());
        if (type.containedTypeCount() > 0) {
            sb.append('<');
            for (int i = 0; i < type.containedTypeCount(); i++) {
                sb.append(i == 0 ? "" : ", ").append(render(type.containedType(i)));
            }
            sb.append('>');
        }
        return sb.toString();
    }

    /** The component a problem is found in: the record (or class) declaring it, its name and type. */
    private record Site(Class<?> declaring, String component, JavaType type) {
        void refuse(ExpressibleTypes check, String advice) {
            check.problems.add("component '" + component + "' of " + (declaring.isRecord() ? "record " : "class ")
                    + declaring.getName() + " has type " + render(type) + ", which cannot be expressed: " + advice);
        }
    }
}
