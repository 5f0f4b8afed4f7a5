package fr.coordo.document;

import java.time.LocalDate;

/**
 * One signature block: who signs, in which capacity, when (null: left blank, dated by hand), and an empty
 * box for the handwritten signature.
 */
public record Signatory(String name, String capacity, LocalDate date) {
    public Signatory {
        name = name == null ? "" : name;
        capacity = capacity == null ? "" : capacity;
    }
}
