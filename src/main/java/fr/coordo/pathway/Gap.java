package fr.coordo.pathway;

/**
 * One blocking gap of a projet, in French. {@code professionalId} names the team member concerned, or is null.
 * Content gaps block « prêt à signer » and the dossier; signatures block « signé »; Ordre notifications block
 * the transmission.
 */
public record Gap(Kind kind, String message, Integer professionalId) {
    public enum Kind {
        STRUCTURE("Structure"),
        TYPE("Type de PCR"),
        TEAM("Équipe"),
        PROFESSIONAL("Professionnel"),
        SIGNATURE("Signature"),
        NOTIFICATION("Notification à l'Ordre");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** A gap in what is declared, as opposed to the steps (signatures, notifications) that follow it. */
        public boolean isContent() {
            return this != SIGNATURE && this != NOTIFICATION;
        }
    }

    static Gap of(Kind kind, String message) {
        return new Gap(kind, message, null);
    }
}
