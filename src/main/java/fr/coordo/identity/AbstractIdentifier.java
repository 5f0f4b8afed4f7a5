package fr.coordo.identity;

import java.util.Objects;

/** Value semantics shared by the identifier classes: equal when of the same class and the same normalised value. */
abstract class AbstractIdentifier {
    private final String value;

    AbstractIdentifier(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The normalised value: no spaces, tabs, dots or dashes, upper case. */
    public final String value() {
        return value;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((AbstractIdentifier) o).value.equals(value);
    }

    @Override
    public final int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
