package fr.coordo.ui;

import fr.coordo.store.Access;
import fr.coordo.store.Permission;
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
                    + "les ordres de paiement en PDF et les fichiers CSV et SEPA.", Permission.PAYMENTS),
    SETTINGS("parametres", "Paramètres", KeyCode.DIGIT7, true,
            "La base de données utilisée, ses sauvegardes et les informations sur Coordo.", Permission.SETTINGS),
    JOURNAL("journal", "Journal", KeyCode.DIGIT8, true,
            "Qui a créé, modifié, imprimé ou exporté quoi et quand, par personne, patient et date, avec la vérification "
                    + "que le journal est intègre.", Permission.AUDIT),
    ACCOUNTS("comptes", "Comptes", KeyCode.DIGIT9, true,
            "Les comptes des personnes qui utilisent Coordo, leur rôle et leur mot de passe.", Permission.ACCOUNTS);

    final String id;
    final String title;
    final KeyCode shortcut;
    final boolean available;
    final String description;
    /** The right the section needs, or null when everyone signed in sees it. */
    final Permission needed;

    Section(String id, String title, KeyCode shortcut, boolean available, String description) {
        this(id, title, shortcut, available, description, null);
    }

    Section(String id, String title, KeyCode shortcut, boolean available, String description, Permission needed) {
        this.id = id;
        this.title = title;
        this.shortcut = shortcut;
        this.available = available;
        this.description = description;
        this.needed = needed;
    }

    boolean shownTo(Access who) {
        return needed == null || who.can(needed);
    }
}
