package io.timesync.hil.report;

import io.timesync.hil.ShownAsText;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Renders records (datasets, measurements) as indented JSON for report attachments. Records become
 * objects by component name, unless {@link ShownAsText} (a clock identity reads 020000.fffe.000001, not a
 * number); other values without a JSON form use their toString.
 */
public final class Json {
    private Json() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        if (value instanceof Optional<?> optional) {
            write(optional.orElse(null), out, indent);
        } else if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            out.append(value);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            out.append(Double.isFinite(d) ? number.toString() : quote(number.toString()));
        } else if (value instanceof Record record && !(value instanceof ShownAsText)) {
            writeRecord(record, out, indent);
        } else if (value instanceof Map<?, ?> map) {
            writeEntries(map.entrySet().iterator(), out, indent);
        } else if (value instanceof Collection<?> collection) {
            writeArray(collection, out, indent);
        } else {
            out.append(quote(value instanceof Enum<?> e ? e.name() : value.toString()));
        }
    }

    private static void writeRecord(Record record, StringBuilder out, String indent) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        out.append('{');
        String inner = indent + "  ";
        for (int i = 0; i < components.length; i++) {
            out.append(i == 0 ? "\n" : ",\n").append(inner).append(quote(components[i].getName())).append(": ");
            write(valueOf(record, components[i]), out, inner);
        }
        out.append(components.length == 0 ? "}" : "\n" + indent + "}");
    }

    private static void writeEntries(Iterator<? extends Map.Entry<?, ?>> entries, StringBuilder out, String indent) {
        out.append('{');
        String inner = indent + "  ";
        boolean first = true;
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            out.append(first ? "\n" : ",\n").append(inner).append(quote(String.valueOf(entry.getKey()))).append(": ");
            write(entry.getValue(), out, inner);
            first = false;
        }
        out.append(first ? "}" : "\n" + indent + "}");
    }

    private static void writeArray(Collection<?> items, StringBuilder out, String indent) {
        out.append('[');
        String inner = indent + "  ";
        boolean first = true;
        for (Object item : items) {
            out.append(first ? "\n" : ",\n").append(inner);
            write(item, out, inner);
            first = false;
        }
        out.append(first ? "]" : "\n" + indent + "]");
    }

    private static Object valueOf(Record record, RecordComponent component) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
