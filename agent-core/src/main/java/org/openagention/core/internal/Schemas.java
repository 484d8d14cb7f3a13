package org.openagention.core.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * JSON Schemas generated from Java types (records, nested records, enums, lists, {@code Optional}
 * components, {@link Description} annotations). Components are required unless {@code Optional};
 * objects forbid unknown properties.
 */
public final class Schemas {
    private static final SchemaGenerator GENERATOR = createGenerator();
    private static final Map<Class<?>, String> CACHE = new ConcurrentHashMap<>();

    private Schemas() {}

    private static SchemaGenerator createGenerator() {
        SchemaGeneratorConfigBuilder b = new SchemaGeneratorConfigBuilder(Json.MAPPER, SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .without(Option.SCHEMA_VERSION_INDICATOR)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .with(Option.FLATTENED_OPTIONALS)
                .with(new JacksonModule());
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

    /** The JSON Schema of {@code type}, as JSON text. Cached per type. */
    public static String of(Class<?> type) {
        return CACHE.computeIfAbsent(type, t -> {
            try {
                ObjectNode schema = GENERATOR.generateSchema(t);
                if (!"object".equals(Json.text(schema, "type", ""))) {
                    throw new ConfigurationException(t.getName() + " does not map to a JSON object schema; "
                            + "tool arguments and structured outputs must be records or classes with fields");
                }
                return Json.write(schema);
            } catch (ConfigurationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ConfigurationException("cannot generate a JSON Schema for " + t.getName() + ": " + e.getMessage(), e);
            }
        });
    }
}
