package dev.poolkit.bench;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;

/** Parses {@code 500ms}, {@code 10s}, {@code 2m}, or plain seconds ({@code 10}, {@code 0.5}) for the command lines. */
public final class Durations implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String s = value.strip().toLowerCase(Locale.ROOT);
        double factorNanos;
        if (s.endsWith("ms")) {
            factorNanos = 1e6;
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            factorNanos = 1e9;
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            factorNanos = 60e9;
            s = s.substring(0, s.length() - 1);
        } else {
            factorNanos = 1e9;
        }
        double amount;
        try {
            amount = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 10s, 2m)");
        }
        if (amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount)) {
            throw new CommandLine.TypeConversionException("duration '" + value + "' must be >= 0");
        }
        return Duration.ofNanos((long) (amount * factorNanos));
    }

    /** {@code 1.5 s}, {@code 200 ms}: how reports print a duration. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : (ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000.0 + " s");
    }
}
