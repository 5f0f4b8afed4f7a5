package fr.coordo.pathway;

/** Who pays the professionals their share: the CPAM directly, or the structure by bank transfer. */
public enum PaymentChannel {
    CPAM("Paiement direct par la CPAM"),
    STRUCTURE("Paiement par la structure (virement)");

    private final String label;

    PaymentChannel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
