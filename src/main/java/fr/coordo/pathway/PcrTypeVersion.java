package fr.coordo.pathway;

import java.time.OffsetDateTime;

/** One stored version of a PCR type: what a projet or an episode refers to, so later edits never change it. */
public record PcrTypeVersion(
        int id, int version, PcrType type, Origin origin, String note, OffsetDateTime createdAt, String createdBy) {

    /** Where a version comes from: the catalogue shipped with Coordo, or an edit in Paramètres. */
    public enum Origin {
        CATALOGUE("Catalogue Coordo"),
        SAISIE("Modifié dans Coordo");

        private final String label;

        Origin(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public String code() {
        return type.code();
    }

    public String label() {
        return type.label();
    }

    /** « Obésité complexe de l'adulte (v2) ». */
    public String displayName() {
        return type.label() + " (v" + version + ")";
    }
}
