// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openagention.core.ConfigurationException;
import org.openagention.core.tool.Description;

/**
 * JSON Schemas generated from Java types (records, nested records, enums, lists, maps,
 * {@code Optional} components, {@link Description} annotations). Components are required unless
 * {@code Optional}; records forbid unknown properties; a {@code Map<String, V>} is an object whose
 * every property is a {@code V}, and {@code Map<String, Object>} any JSON object. Types that cannot
 * be expressed are refused first (see {@link ExpressibleTypes}).
 */
public final class Schemas {
    private static final Map<Class<?>, String> CACHE = new ConcurrentHashMap<>();

    private Schemas() {}

    /** The generator, made on first use: a process whose schemas are all in a {@link SchemaIndex} never makes it. */
    private static final class Generator {
        static final SchemaGenerator INSTANCE = createGenerator();
    }

    private static SchemaGenerator createGenerator() {
        SchemaGeneratorConfigBuilder b = new SchemaGeneratorConfigBuilder(Json.MAPPER, SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .without(Option.SCHEMA_VERSION_INDICATOR)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .with(Option.FLATTENED_OPTIONALS)
                .with(new JacksonModule());
        b.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            if (!type.isInstanceOf(Map.class)) {
                return null;
            }
            ObjectNode map = context.getGeneratorConfig().createObjectNode().put("type", "object");
            ResolvedType values = context.getTypeContext().getTypeParameterFor(type, Map.class, 1);
            if (values != null && values.getErasedType() != Object.class) {
                map.set("additionalProperties", context.createDefinitionReference(values));
            }
            return new CustomDefinition(map, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO);
        });
        b.forFields().withRequiredCheck(f -> !f.getDeclaredType().isInstanceOf(Optional.class));
        b.forFields().withDescriptionResolver(f -> {
            Description d = f.getAnnotationConsideringFieldAndGetter(Description.class);
            return d == null ? null : d.value();
        });
        b.forTypesInGeneral().withDescriptionResolver(scope -> {
            Description d = scope.getType().getErasedType().getAnnotation(Description.class);
            return d == null ? null : d.value();
        });
        return new SchemaGenerator(b.build());
    }

    /**
     * The JSON Schema of {@code type}, as JSON text: from the {@link SchemaIndex} of its module when
     * that holds it for these very classes, else generated. Cached per type.
     *
     * @throws ConfigurationException when {@code type} or a type it reaches cannot be expressed, naming
     *     the record, the component and its type
     */
    public static String of(Class<?> type) {
        return CACHE.computeIfAbsent(type, t -> {
            String indexed = SchemaIndex.lookup(t, ExpressibleTypes.check(t));
            return indexed != null ? indexed : generate(t);
        });
    }

    /** The generated schema of an expressible {@code type} (not cached, not looked up). */
    static String generate(Class<?> type) {
        try {
            ObjectNode schema = Generator.INSTANCE.generateSchema(type);
            return Json.write(schema);
        } catch (RuntimeException e) {
            throw new ConfigurationException("cannot generate a JSON Schema for " + type.getName() + ": " + e.getMessage(), e);
        }
    }
}
