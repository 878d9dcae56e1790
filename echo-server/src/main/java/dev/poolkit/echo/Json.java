package dev.poolkit.echo;

/** Writes one flat JSON object; enough for the stats line, without a JSON library in the jar. */
final class Json {
    private final StringBuilder sb = new StringBuilder("{");

    Json field(String name, long value) {
        key(name).append(value);
        return this;
    }

    /** A non-finite value (no messages yet, or unknown) is written as {@code null}. */
    Json field(String name, double value) {
        StringBuilder out = key(name);
        if (Double.isFinite(value)) {
            out.append(value);
        } else {
            out.append("null");
        }
        return this;
    }

    /** A null value is written as {@code null}. */
    Json field(String name, String value) {
        if (value == null) {
            key(name).append("null");
            return this;
        }
        StringBuilder out = key(name).append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        out.append('"');
        return this;
    }

    private StringBuilder key(String name) {
        if (sb.length() > 1) {
            sb.append(',');
        }
        return sb.append('"').append(name).append("\":");
    }

    @Override
    public String toString() {
        return sb + "}";
    }
}
