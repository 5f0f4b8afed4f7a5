package fr.coordo.payment;

/** The a-priori checks made before an order is issued (PCR.md §6), as printed on the order. */
public enum PaymentCheck {
    FORFAIT("Forfait connu pour le profil et la séquence"),
    PROJET("Projet de parcours validé ou réputé validé aux dates des prestations"),
    EQUIPE("Professionnels membres de l'équipe signée aux dates des prestations"),
    NUMERO_AM("Numéro AM présent pour chaque professionnel payé par la CPAM"),
    NIR("NIR présent pour chaque patient dont la CPAM paie le forfait"),
    IBAN("IBAN valide pour chaque bénéficiaire payé par virement"),
    CONSENTEMENT("Inclusion et consentement recueillis avant le début de la prestation"),
    DOUBLE_PAIEMENT("Aucun épisode ni séquence payé deux fois"),
    TOTAL("Total de chaque prestation inférieur ou égal au montant dû"),
    ACTIVITE("Activité notée à l'agenda pour chaque professionnel payé"),
    REPARTITION("Répartition complète du forfait");

    private final String label;

    PaymentCheck(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
