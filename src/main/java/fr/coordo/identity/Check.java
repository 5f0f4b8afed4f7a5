package fr.coordo.identity;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking a typed-in identifier: {@link Valid}, {@link Doubtful} (a wrong key on a kind whose key
 * is only a warning: the value is usable once the user confirms it) or {@link Invalid}.
 *
 * <p>Messages are in French, name the field and never contain a full NIR.
 */
public sealed interface Check<T> {

    /** Why a value was refused. */
    enum Problem {
        /** Wrong length, wrong characters, unknown country: the value cannot be what was asked. */
        BAD_FORMAT,
        /** Well formed, but the check key does not match: a typing error. */
        BAD_KEY
    }

    /** An accepted value. */
    record Valid<T>(T value) implements Check<T> {
        public Valid {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A well-formed value whose key does not match, on a kind where that is only a warning. */
    record Doubtful<T>(T value, String warning) implements Check<T> {
        public Doubtful {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(warning, "warning");
        }
    }

    /** A refused value; {@code message} says, in French, what is expected. */
    record Invalid<T>(Problem problem, String message) implements Check<T> {
        public Invalid {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(message, "message");
        }
    }

    /** True only for {@link Valid}. */
    default boolean isValid() {
        return this instanceof Valid;
    }

    /**
     * The value of a {@link Valid} or a {@link Doubtful} check, empty for {@link Invalid}.
     *
     * <p>Not named {@code value()}: the records' own {@code value()} accessor returns {@code T}, and one type
     * cannot have two {@code value()} methods with different return types.
     */
    default Optional<T> usableValue() {
        return switch (this) {
            case Valid<T>(T value) -> Optional.of(value);
            case Doubtful<T>(T value, String warning) -> Optional.of(value);
            case Invalid<T> invalid -> Optional.empty();
        };
    }

    /** The French message: the warning of a {@link Doubtful}, the reason of an {@link Invalid}, null for {@link Valid}. */
    default String message() {
        return switch (this) {
            case Valid<T> valid -> null;
            case Doubtful<T>(T value, String warning) -> warning;
            case Invalid<T>(Problem problem, String message) -> message;
        };
    }

    /**
     * The value of a {@link Valid} check. A {@link Doubtful} one throws too: a wrong key needs the user's
     * confirmation first (then use the kind's {@code confirmed} factory, or the doubtful value itself).
     *
     * @throws IllegalArgumentException with the French message, unless the check is {@link Valid}
     */
    default T orElseThrow() {
        return switch (this) {
            case Valid<T>(T value) -> value;
            case Doubtful<T>(T value, String warning) -> throw new IllegalArgumentException(warning);
            case Invalid<T>(Problem problem, String message) -> throw new IllegalArgumentException(message);
        };
    }
}
