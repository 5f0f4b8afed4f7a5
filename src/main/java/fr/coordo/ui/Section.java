package fr.coordo.ui;

import javafx.scene.input.KeyCode;

/** The sections of the navigation, in order; each has a Ctrl+digit shortcut. */
enum Section {
    DASHBOARD("tableau-de-bord", "Tableau de bord", KeyCode.DIGIT1, true,
            "Vos tâches du jour (actions en retard, réévaluations, brouillons à valider, consentements manquants) "
                    + "et les chiffres de l'équipe."),
    TEAM("equipe", "Équipe", KeyCode.DIGIT2, true,
            "La structure et chaque professionnel de l'équipe : identifiants RPPS et Assurance Maladie vérifiés, "
                    + "contrats, périodes d'appartenance, import et export du tableur de l'équipe."),
    PATIENTS("patients", "Patients", KeyCode.DIGIT3, true,
            "Les patients suivis et leur plan personnalisé de santé (PPS) : problèmes, objectifs partagés, actions, "
                    + "points d'étape et réévaluations, avec chaque version validée conservée et imprimable."),
    AGENDA("agenda", "Agenda", KeyCode.DIGIT4, true,
            "Les rendez-vous et réunions de concertation liés au plan et à l'équipe, avec récurrences, "
                    + "détection des conflits et export iCalendar."),
    PATHWAY("parcours", "Parcours", KeyCode.DIGIT5, true,
            "Les parcours coordonnés renforcés : projet de parcours, dossier de déclaration à l'ARS et à la CPAM, "
                    + "signatures, inclusions et épisodes de soins."),
    PAYMENTS("paiements", "Paiements", KeyCode.DIGIT6, true,
            "La répartition de chaque forfait entre les professionnels au centime près, les contrôles avant paiement, "
                    + "les ordres de paiement en PDF et les fichiers CSV et SEPA."),
    SETTINGS("parametres", "Paramètres", KeyCode.DIGIT7, true,
            "La base de données utilisée, ses sauvegardes et les informations sur Coordo."),
    ACCOUNTS("comptes", "Comptes", KeyCode.DIGIT8, true,
            "Les comptes des personnes qui utilisent Coordo, leur rôle et leur mot de passe.");

    final String id;
    final String title;
    final KeyCode shortcut;
    final boolean available;
    final String description;

    Section(String id, String title, KeyCode shortcut, boolean available, String description) {
        this.id = id;
        this.title = title;
        this.shortcut = shortcut;
        this.available = available;
        this.description = description;
    }
}
