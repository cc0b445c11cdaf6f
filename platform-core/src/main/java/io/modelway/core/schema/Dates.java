package io.modelway.core.schema;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Dates and times as tables write them: ISO dates ({@code 1998-06-12}), ISO timestamps with or without an offset
 * ({@code 1998-06-12T10:00Z}, {@code 1998-06-12 10:00:00}), and dates written for people in English
 * ({@code Jun 12 1998}, {@code June 12, 1998}, {@code 12 Jun 1998}). A timestamp without an offset is read as UTC.
 * {@link #canonical} writes the ISO form cleaning keeps. Numbers are dates only in a column declared as one:
 * seconds since 1970, or milliseconds when that large.
 */
public final class Dates {

    /** A date read, and whether the text carried a time of day. */
    public record Read(LocalDateTime value, boolean timeOfDay) {
    }

    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            english("MMM d yyyy"), english("MMM d, yyyy"), english("MMMM d yyyy"), english("MMMM d, yyyy"),
            english("d MMM yyyy"), english("d MMMM yyyy"), DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT));
    private static final DateTimeFormatter LOCAL_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT);

    private Dates() {
    }

    private static DateTimeFormatter english(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ENGLISH);
    }

    /** The text as a date, if it is written as one of the forms above. */
    public static Optional<Read> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        // Called for every value of columns being inferred: rule out most non-dates without an exception.
        if (s.length() < 8 || s.length() > 35 || !Character.isLetterOrDigit(s.charAt(0)) || !hasYear(s)) {
            return Optional.empty();
        }
        if (Character.isDigit(s.charAt(0)) && s.length() > 10 && (s.charAt(10) == 'T' || s.charAt(10) == ' ')) {
            try {
                return Optional.of(new Read(OffsetDateTime.parse(s.replace(' ', 'T')).withOffsetSameInstant(ZoneOffset.UTC)
                        .toLocalDateTime(), true));
            } catch (DateTimeParseException e) {
                // Not with an offset; perhaps without one.
            }
            try {
                return Optional.of(new Read(LocalDateTime.parse(s, LOCAL_TIME), true));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return Optional.of(new Read(LocalDate.parse(s, format).atStartOfDay(), false));
            } catch (DateTimeParseException e) {
                // Try the next form.
            }
        }
        return Optional.empty();
    }

    /** A number as a date of a column declared as one: seconds since 1970, milliseconds from 10^11 on. */
    public static Read fromEpoch(double number) {
        long millis = Math.abs(number) >= 1e11 ? (long) number : (long) (number * 1000);
        return new Read(LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000,
                ZoneOffset.UTC), true);
    }

    /** The ISO form: {@code 1998-06-12}, or {@code 1998-06-12T10:00:00Z} with a time of day. */
    public static String canonical(Read read) {
        return read.timeOfDay() ? read.value().toInstant(ZoneOffset.UTC).toString()
                : read.value().toLocalDate().toString();
    }

    /** A value of a DATE column, as text or as epoch seconds. */
    public static Optional<Read> of(String text) {
        Optional<Read> read = parse(text);
        if (read.isPresent()) {
            return read;
        }
        return Numbers.parse(text).stream().mapToObj(Dates::fromEpoch).findFirst();
    }

    private static boolean hasYear(String s) {
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            digits = Character.isDigit(s.charAt(i)) ? digits + 1 : 0;
            if (digits == 4) {
                return true;
            }
        }
        return false;
    }
}
