package io.timesync.hil.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.timesync.hil.ShownAsText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Records (datasets, measurements, findings) as indented JSON for report attachments, through Jackson. Records
 * become objects by component name, unless {@link ShownAsText} (a clock identity reads 020000.fffe.000001, not a
 * number); an empty Optional is null.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("timesync-hil")
                    .addSerializer(ShownAsText.class, ToStringSerializer.instance)
                    .addSerializer(Optional.class, new OptionalSerializer()))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .setDefaultPrettyPrinter(new Printer());

    private Json() {
    }

    /** Indented, one field per line, ending with a newline. */
    public static String write(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** On one line. */
    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    @SuppressWarnings("rawtypes")
    private static final class OptionalSerializer extends JsonSerializer<Optional> {
        @Override
        public void serialize(Optional value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (value.isPresent()) {
                provider.defaultSerializeValue(value.get(), generator);
            } else {
                generator.writeNull();
            }
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Optional value) {
            return value.isEmpty();
        }
    }

    /** "key": value, every array item on its own line, empty containers as [] and {}. */
    private static final class Printer extends DefaultPrettyPrinter {
        Printer() {
            super(DefaultPrettyPrinter.DEFAULT_SEPARATORS.withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        }

        Printer(Printer base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new Printer(this);
        }

        @Override
        public void writeEndArray(JsonGenerator generator, int values) throws IOException {
            if (values == 0) {
                _nesting--;
                generator.writeRaw(']');
                return;
            }
            super.writeEndArray(generator, values);
        }

        @Override
        public void writeEndObject(JsonGenerator generator, int entries) throws IOException {
            if (entries == 0) {
                _nesting--;
                generator.writeRaw('}');
                return;
            }
            super.writeEndObject(generator, entries);
        }
    }
}
