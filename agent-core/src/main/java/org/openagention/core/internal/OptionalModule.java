// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code java.util.Optional} support without jackson-datatype-jdk8 (agent-core depends on
 * jackson-databind alone): a missing or null value reads as {@code Optional.empty()}.
 */
final class OptionalModule {
    private OptionalModule() {}

    static SimpleModule create() {
        SimpleModule module = new SimpleModule("openagention-optional") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addDeserializers(new Deserializers.Base() {
                    @Override
                    public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                            BeanDescription beanDesc) {
                        if (type.hasRawClass(Optional.class)) {
                            return new OptionalDeserializer(type.containedTypeOrUnknown(0), null);
                        }
                        return null;
                    }
                });
            }
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Optional<?>> optionalClass = (Class) Optional.class;
        module.addSerializer(optionalClass, new StdSerializer<Optional<?>>(optionalClass) {
            @Override
            public void serialize(Optional<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                if (value.isPresent()) {
                    provider.defaultSerializeValue(value.get(), gen);
                } else {
                    gen.writeNull();
                }
            }
        });
        return module;
    }

    private static final class OptionalDeserializer extends JsonDeserializer<Optional<?>> implements ContextualDeserializer {
        private final JavaType contentType;
        private final JsonDeserializer<Object> content;

        OptionalDeserializer(JavaType contentType, JsonDeserializer<Object> content) {
            this.contentType = contentType;
            this.content = content;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) throws com.fasterxml.jackson.databind.JsonMappingException {
            return new OptionalDeserializer(contentType, ctxt.findContextualValueDeserializer(contentType, property));
        }

        @Override
        public Optional<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Optional.ofNullable(content.deserialize(p, ctxt));
        }

        @Override
        public Optional<?> getNullValue(DeserializationContext ctxt) {
            return Optional.empty();
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return Optional.empty();
        }
    }
}
