package io.timesync.hil.sensor.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.math.RoundingMode;
import java.util.Optional;

/**
 * Typed reads from the sensor's JSON documents, each failure naming the JSON path ({@code $.a.b}) and what was
 * there instead.
 */
final class ApiJson {
    /** Strict: a document followed by garbage, or with a key twice, is not what the firmware meant to send. */
    private static final ObjectReader READER = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ApiJson() {
    }

    /** @throws ApiContentException when the text is not one JSON value */
    static JsonNode parse(String text) {
        try {
            JsonNode node = READER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new ApiContentException("not JSON (empty body)");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ApiContentException("not JSON (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + ")");
        }
    }

    static JsonNode object(JsonNode parent, String path, String field) {
        JsonNode value = required(parent, path, field);
        if (!value.isObject()) {
            throw wrongType(path, field, "an object", value);
        }
        return value;
    }

    static Optional<JsonNode> optionalObject(JsonNode parent, String path, String field) {
        return optional(parent, field).map(value -> {
            if (!value.isObject()) {
                throw wrongType(path, field, "an object", value);
            }
            return value;
        });
    }

    static String text(JsonNode parent, String path, String field) {
        return text(path, field, required(parent, path, field));
    }

    static Optional<String> optionalText(JsonNode parent, String path, String field) {
        return optional(parent, field).map(value -> text(path, field, value));
    }

    static int integer(JsonNode parent, String path, String field) {
        return integer(path, field, required(parent, path, field));
    }

    static Optional<Integer> optionalInteger(JsonNode parent, String path, String field) {
        return optional(parent, field).map(value -> integer(path, field, value));
    }

    /** Nanoseconds: linuxptp's TimeInterval may carry a fraction, which is rounded to the nearest ns. */
    static long nanoseconds(JsonNode parent, String path, String field) {
        return nanoseconds(path, field, required(parent, path, field));
    }

    static Optional<Long> optionalNanoseconds(JsonNode parent, String path, String field) {
        return optional(parent, field).map(value -> nanoseconds(path, field, value));
    }

    /** A JSON boolean, or linuxptp's 0/1 flag. */
    static boolean flag(JsonNode parent, String path, String field) {
        JsonNode value = required(parent, path, field);
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && (value.longValue() == 0 || value.longValue() == 1)) {
            return value.longValue() == 1;
        }
        throw wrongType(path, field, "true/false", value);
    }

    static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    private static String text(String path, String field, JsonNode value) {
        if (!value.isTextual()) {
            throw wrongType(path, field, "a string", value);
        }
        return value.textValue();
    }

    private static int integer(String path, String field, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(path, field, "an integer", value);
        }
        return value.intValue();
    }

    private static long nanoseconds(String path, String field, JsonNode value) {
        if (!value.isNumber()) {
            throw wrongType(path, field, "a number of nanoseconds", value);
        }
        try {
            return value.decimalValue().setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw wrongType(path, field, "a number of nanoseconds within ±292 years", value);
        }
    }

    private static JsonNode required(JsonNode parent, String path, String field) {
        return optional(parent, field).orElseThrow(() -> new ApiContentException(path + "." + field + " is missing"
                + (parent.isObject() ? " (" + path + " has " + fieldNames(parent) + ")" : "")));
    }

    private static Optional<JsonNode> optional(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private static String fieldNames(JsonNode object) {
        StringBuilder names = new StringBuilder("[");
        object.fieldNames().forEachRemaining(name -> names.append(names.length() > 1 ? ", " : "").append(name));
        return names.append(']').toString();
    }

    private static ApiContentException wrongType(String path, String field, String expected, JsonNode value) {
        return new ApiContentException(path + "." + field + " is " + describe(value) + ", expected " + expected);
    }
}
