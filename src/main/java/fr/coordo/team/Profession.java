package fr.coordo.team;

/** A profession of the reference list kept in {@code resources/reference/professions.csv}. */
public record Profession(String code, String label, String pluralLabel, String professionalOrder, String registry,
        java.util.List<String> synonyms) {

    /** The label, as lists and combo boxes show it. */
    @Override
    public String toString() {
        return label;
    }
}
