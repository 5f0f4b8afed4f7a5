package fr.coordo.plan;

import fr.coordo.patient.Contact;
import fr.coordo.patient.PatientInput;
import fr.coordo.patient.PatientService;
import fr.coordo.patient.PatientStatus;
import fr.coordo.store.Database;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.StructureInput;
import fr.coordo.team.StructureService;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A realistic plan to print and look at: Mme Moreau, 85, heart failure and falls, a team of nine, a plan
 * validated in January, revised in May after a fall (version 2: 10 problems, 9 objectives, 21 actions across
 * both parts), 10 points d'étape by three authors, long texts everywhere. Everything is dated by a clock that
 * the fixture moves forward, so the database is the same at every run.
 */
public final class PlanPdfFixtures {
    /** When the plan is printed in the tests: four months into version 2. */
    public static final Clock PRINT_CLOCK = Clock.fixed(Instant.parse("2026-09-15T08:30:00Z"), Database.ZONE);

    private PlanPdfFixtures() {}

    /** The database and what was made in it; closing it closes the database. */
    public record Built(Database db, int planId, int patientId, int physicianId, int otherPhysicianId, MovingClock clock)
            implements AutoCloseable {
        @Override
        public void close() {
            db.close();
        }
    }

    /** A clock the fixture sets to each moment of the story. */
    public static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void set(LocalDate day, int hour) {
            now = LocalDateTime.of(day, java.time.LocalTime.of(hour, 0)).atZone(Database.ZONE).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return Database.ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Who writes: the points d'étape are signed by their author. */
    private static final class Actor {
        String name = "Claire Martin";
    }

    public static Built create(Path file) {
        MovingClock clock = new MovingClock(Instant.parse("2025-12-01T09:00:00Z"));
        Actor actor = new Actor();
        Database db = Database.open(file, new Database.Options(clock, () -> actor.name, null));
        try {
            return fill(db, clock, actor);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Built fill(Database db, MovingClock clock, Actor actor) {
        new StructureService(db, clock).save(new StructureInput("MSP des Tanneurs", "sisa", "msp_sisa", null, null, null,
                "4 place de la Victoire", "37000", "Tours", null, null, null, "Dr Camille Bernard", "Claire Martin", "02 47 20 30 40",
                "coordination@msp-tanneurs.fr", null, null), Set.of());
        TeamService team = new TeamService(db, clock);
        int bernard = pro(team, "Bernard", "Camille", "medecin", "Médecine générale", "02 47 20 30 41");
        int leroy = pro(team, "Leroy", "Antoine", "medecin", "Médecine générale", "02 47 20 30 42");
        int martin = pro(team, "Martin", "Claire", "infirmier", "Coordinatrice de parcours", "06 70 10 20 30");
        int petit = pro(team, "Petit", "Lucie", "infirmier", null, "06 70 11 22 33");
        int girard = pro(team, "Girard", "Marc", "masseur_kinesitherapeute", null, "02 47 20 30 45");
        int lambert = pro(team, "Lambert", "Sophie", "pharmacien", null, "02 47 20 30 50");
        int caron = pro(team, "Caron", "Julie", "dieteticien", null, "06 70 44 55 66");
        int roux = pro(team, "Roux", "Thomas", "psychologue", null, "06 70 77 88 99");
        int haddad = pro(team, "Haddad", "Nadia", "assistant_service_social", null, "02 47 20 30 60");

        clock.set(LocalDate.of(2026, 1, 10), 10);
        PatientService patients = new PatientService(db, clock);
        int patient = patients.add(moreau(bernard, LocalDate.of(2026, 1, 10)), Set.of());

        PlanService plans = new PlanService(db, clock);
        int planId = plans.start(patient);
        PlanContent full = content(martin, bernard, petit, girard, lambert, caron, roux, haddad);
        // Version 1: before the fall of April, no bathroom work, no cardiology opinion, no psychologist yet.
        Set<String> later = Set.of("a6", "a9", "b2", "b3", "b8", "b10");
        PlanContent v1 = new PlanContent(martin, full.synthesisMedical(), full.synthesisPsychological(), full.synthesisSocial(),
                full.synthesisEnvironmental(), full.preferences(), full.projects(), full.alertProcedure(), null,
                full.problems().stream().filter(p -> !p.uid().equals("p-logement")).toList(),
                full.objectives().stream().filter(o -> !o.uid().equals("o6")).toList(),
                full.actions().stream().filter(Predicate.not(a -> later.contains(a.uid())))
                        .map(a -> a.status().isOpen() ? a : a.withProgress(Action.Status.PREVUE, null))
                        .map(a -> new Action(a.uid(), a.part(), a.kind(), a.objectiveUid(), a.label(), a.actor(), a.professionalId(),
                                a.actorName(), a.startOn(), a.frequency(), a.dueOn(), a.criterion(), a.status(), null, null))
                        .toList());
        plans.saveDraft(planId, v1.withObjectives(v1.objectives().stream()
                .map(o -> new Objective(o.uid(), o.problemUid(), o.label(), o.criterion(), o.targetOn(), Objective.Status.EN_COURS, null))
                .toList()));
        clock.set(LocalDate.of(2026, 1, 15), 11);
        plans.validate(planId, LocalDate.of(2026, 1, 15));

        step(plans, clock, actor, planId, "2026-02-03", "Claire Martin", "Visite à domicile avec Lucie Petit : pilulier en place, "
                + "Mme Moreau se dit rassurée. Téléassistance commandée au CCAS.", false);
        progress(plans, clock, planId, "b1", "2026-02-12", Action.Status.REALISEE, "Installée le 12/02/2026 ; le fils et la voisine sont les contacts");
        step(plans, clock, actor, planId, "2026-02-20", "Lucie Petit", "Poids stable (55,2 kg). Oublie la prise du soir une fois sur trois : "
                + "pilulier avec alarme proposé.", true);
        progress(plans, clock, planId, "a11", "2026-02-27", Action.Status.REALISEE, "Zopiclone arrêté progressivement, sommeil correct");
        step(plans, clock, actor, planId, "2026-03-10", "Dr Camille Bernard", "GDS à 9/15 : dépression légère. Mme Moreau accepte de "
                + "rencontrer un psychologue après l'été si cela ne va pas mieux ; nous en reparlerons à la révision.", false);
        step(plans, clock, actor, planId, "2026-03-28", "Claire Martin", "Réunion de concertation : bilan partagé de médication fait "
                + "(trois médicaments arrêtés). Le fils, Paul, dit ne plus pouvoir venir que le samedi et se sent débordé. "
                + "Nadia Haddad prend contact pour une solution de répit.", true);
        step(plans, clock, actor, planId, "2026-04-29", "Claire Martin", "Chute dans l'escalier le 28/04, sans fracture, relevée par la "
                + "voisine grâce à la téléassistance. Passage aux urgences de Trousseau puis retour à domicile le soir même. "
                + "Révision du plan prévue : prévention des chutes renforcée et adaptation de la salle de bains.", true);

        clock.set(LocalDate.of(2026, 5, 5), 9);
        plans.revise(planId, "Chute du 28/04/2026 : renforcer la prévention des chutes, adapter la salle de bains, soutenir l'aidant");
        plans.saveDraft(planId, full);
        clock.set(LocalDate.of(2026, 5, 12), 17);
        plans.validate(planId, LocalDate.of(2026, 5, 12));

        step(plans, clock, actor, planId, "2026-05-26", "Lucie Petit", "Œdèmes des chevilles, +1,8 kg en trois jours : Dr Bernard "
                + "prévenu le jour même, diurétique augmenté. Poids revenu à 55 kg le 29/05.", true);
        step(plans, clock, actor, planId, "2026-06-09", "Claire Martin", "Visite de l'ergothérapeute faite : devis de la douche de "
                + "plain-pied reçu (6 800 €). Dossier d'aide de la caisse de retraite déposé par Nadia Haddad.", false);
        progress(plans, clock, planId, "b2", "2026-06-09", Action.Status.REALISEE, "Devis reçu le 08/06/2026");
        step(plans, clock, actor, planId, "2026-06-30", "Dr Camille Bernard", "Consultation : essoufflement stable, tension 128/76. "
                + "Avis cardiologique programmé le 15/07 au CHU.", true);
        step(plans, clock, actor, planId, "2026-07-21", "Claire Martin", "Le fils n'a pas obtenu de place en hébergement temporaire "
                + "avant septembre ; Mme Moreau refuse pour l'instant l'accueil de jour. Objectif de répit marqué non atteint, à "
                + "reprendre à la réévaluation.", false);
        step(plans, clock, actor, planId, "2026-09-01", "Claire Martin", "Mme Moreau est allée au mariage de sa petite-fille à Nantes, "
                + "accompagnée par son fils. Très fière. Deux sorties par semaine au club depuis juillet.", true);
        return new Built(db, planId, patient, bernard, leroy, clock);
    }

    private static int pro(TeamService team, String last, String first, String profession, String specialty, String phone) {
        return team.add(new ProfessionalInput(null, last, first, profession, specialty, null, null, null, null, true, null,
                PracticeMode.LIBERAL, null, null, phone, null, null, null, null, null), Set.of(), LocalDate.of(2024, 9, 1));
    }

    private static void step(PlanService plans, MovingClock clock, Actor actor, int planId, String on, String author, String note,
                             boolean feedback) {
        clock.set(LocalDate.parse(on), 18);
        actor.name = author;
        plans.addStep(planId, LocalDate.parse(on), note, feedback);
        actor.name = "Claire Martin";
    }

    private static void progress(PlanService plans, MovingClock clock, int planId, String action, String on, Action.Status status,
                                 String result) {
        clock.set(LocalDate.parse(on), 19);
        plans.recordProgress(planId, action, LocalDate.parse(on), status, result);
    }

    /** Mme Moreau with her entourage; {@code physicianId} is her médecin traitant. */
    public static PatientInput moreau(Integer physicianId, LocalDate consentOn) {
        LocalDate birth = LocalDate.of(1941, 3, 14);
        return new PatientInput("Lefèvre", "Moreau", "Éloïse Marie", birth, "F", PlanFixtures.nir(true, birth, 42),
                "12 rue des Tanneurs\nAppartement 3, 2e étage (digicode 4512)", "37000", "Tours", "02 47 61 23 45",
                "eloise.moreau@exemple.fr", "Institutrice retraitée", physicianId, null, null, true,
                "Insuffisance cardiaque ; hypertension artérielle sévère", true, "CARSAT Centre-Val de Loire", false, consentOn,
                "Formulaire d'information et de consentement HAS remis en main propre", consentOn,
                "Note d'information sur le partage des données remise", PatientStatus.SUIVI, null, null,
                List.of(new Contact(Contact.Kind.AIDANT, "Paul Moreau", "fils", "06 11 22 33 44", "paul.moreau@exemple.fr"),
                        new Contact(Contact.Kind.CONFIANCE, "Jeanne Lefèvre", "sœur", "06 55 66 77 88", null),
                        new Contact(Contact.Kind.AIDANT, "Odile Renard", "voisine", "02 47 61 00 11", null),
                        new Contact(Contact.Kind.REFERENT, "Sophie Moreau", "petite-fille", "06 99 88 77 66", "sophie.m@exemple.fr")));
    }

    /** Version 2 of Mme Moreau's plan. Uids are readable (« a1 », « o3 ») so tests can name them. */
    static PlanContent content(int coordinator, int bernard, int petit, int girard, int lambert, int caron, int roux, int haddad) {
        List<Problem> problems = List.of(
                new Problem("p-chutes", "chutes", "Chutes, troubles de l'équilibre", Dimension.ENVIRONNEMENTALE, 1, false,
                        "Deux chutes à domicile en 2025, une dans l'escalier le 28/04/2026"),
                new Problem("p-med", "medicaments", "Problèmes liés aux médicaments (observance, iatrogénie, polymédication)",
                        Dimension.MEDICALE, 1, false, "Onze médicaments par jour à l'entrée dans le plan"),
                new Problem("p-chronique", "maladies_chroniques", "Insuffisance cardiaque mal équilibrée", Dimension.MEDICALE, 1, false,
                        "Deux décompensations en 2025"),
                new Problem("p-aidant", "aidant_epuise", "Aidant épuisé", Dimension.SOCIALE, 1, false, "Le fils, seul aidant, habite à 40 km"),
                new Problem("p-denutrition", "denutrition", "Dénutrition, perte de poids", Dimension.MEDICALE, 2, true,
                        "Perte de 4 kg en six mois"),
                new Problem("p-depression", "depression", "Dépression, humeur triste", Dimension.PSYCHOLOGIQUE, 2, true, null),
                new Problem("p-isolement", "isolement", "Isolement social", Dimension.SOCIALE, 2, false, "Ne sort plus seule depuis avril"),
                new Problem("p-logement", "logement", "Logement inadapté : salle de bains à l'étage, baignoire", Dimension.ENVIRONNEMENTALE, 2,
                        false, null),
                new Problem("p-droits", "droits", "Droits ouverts incomplets (couverture, ALD, APA)", Dimension.SOCIALE, 3, false, null),
                new Problem("p-courrier", null, "Courrier et papiers administratifs en souffrance", Dimension.SOCIALE, 3, true, null));
        List<Objective> objectives = List.of(
                new Objective("o1", "p-chutes", "Se déplacer chez elle et jusqu'au marché sans chuter",
                        "Aucune chute sur trois mois ; test de Tinetti ≥ 20", LocalDate.of(2026, 10, 31), Objective.Status.EN_COURS, null),
                new Objective("o2", "p-med", "Prendre son traitement sans erreur, avec moins de médicaments",
                        "Pilulier sans oubli à chaque passage ; huit médicaments au plus", LocalDate.of(2026, 4, 30), Objective.Status.ATTEINT, null),
                new Objective("o3", "p-denutrition", "Reprendre du poids", "Poids ≥ 58 kg", LocalDate.of(2026, 11, 30),
                        Objective.Status.EN_COURS, null),
                new Objective("o4", "p-depression", "Retrouver le goût de sortir et de voir du monde", "Deux sorties par semaine",
                        LocalDate.of(2026, 9, 30), Objective.Status.EN_COURS, null),
                new Objective("o5", "p-aidant", "Soulager son fils", "Un week-end de répit par mois", LocalDate.of(2026, 7, 31),
                        Objective.Status.NON_ATTEINT, "Aucune place d'hébergement temporaire avant septembre ; Mme Moreau refuse l'accueil "
                        + "de jour pour l'instant"),
                new Objective("o6", "p-logement", "Se laver seule et en sécurité", "Douche de plain-pied installée",
                        LocalDate.of(2026, 10, 31), Objective.Status.EN_COURS, null),
                new Objective("o7", "p-chronique", "Éviter une nouvelle hospitalisation pour insuffisance cardiaque",
                        "Poids stable à 2 kg près ; pas de passage aux urgences", LocalDate.of(2026, 11, 12), Objective.Status.EN_COURS, null),
                new Objective("o8", "p-droits", "Faire valoir tous ses droits", "Plan d'aide APA révisé", LocalDate.of(2026, 3, 31),
                        Objective.Status.ATTEINT, null),
                new Objective("o9", "p-courrier", "Ne plus laisser s'accumuler le courrier", "Courrier ouvert chaque semaine",
                        LocalDate.of(2026, 6, 30), Objective.Status.NON_ATTEINT, "Mme Moreau ne veut pas qu'une personne extérieure ouvre "
                        + "son courrier ; à rediscuter avec son fils"));
        List<Action> actions = new ArrayList<>();
        // Plan de soins
        actions.add(pro("a1", Action.Part.SOINS, Action.Kind.PREVENTION, "o1", "Rééducation de l'équilibre et de la marche ; exercices "
                + "à refaire seule entre les séances", girard, d("2026-02-01"), "2 fois par semaine", d("2026-10-31"), "Test de Tinetti",
                Action.Status.EN_COURS, null, null));
        actions.add(pro("a2", Action.Part.SOINS, Action.Kind.PREVENTION, "o7", "Pesée quotidienne et surveillance des œdèmes, "
                + "notées dans le carnet de suivi", petit, d("2026-01-20"), "Tous les matins", null,
                "Prise de plus de 2 kg en trois jours signalée au médecin", Action.Status.EN_COURS, null, null));
        actions.add(pro("a3", Action.Part.SOINS, Action.Kind.PREVENTION, "o2", "Bilan partagé de médication", lambert, null, null,
                d("2026-03-31"), "Ordonnance révisée", Action.Status.REALISEE, null,
                "Trois médicaments arrêtés avec l'accord du Dr Bernard"));
        actions.add(pro("a11", Action.Part.SOINS, Action.Kind.PREVENTION, "o1", "Révision des somnifères et des traitements qui "
                + "favorisent les chutes", bernard, null, null, d("2026-02-28"), null, Action.Status.REALISEE, null,
                "Zopiclone arrêté progressivement, sommeil correct"));
        actions.add(pro("a10", Action.Part.SOINS, Action.Kind.PREVENTION, "o4", "Repérage de la dépression (échelle GDS) et "
                + "réévaluation", bernard, null, null, d("2026-03-10"), "Score GDS", Action.Status.REALISEE, null,
                "GDS 9/15 : dépression légère, entretiens proposés"));
        actions.add(pro("a4", Action.Part.SOINS, Action.Kind.SOINS, "o2", "Préparation du pilulier hebdomadaire et vérification "
                + "des prises", petit, d("2026-01-19"), "Chaque lundi", null, "Aucun oubli constaté", Action.Status.EN_COURS, null, null));
        actions.add(pro("a5", Action.Part.SOINS, Action.Kind.SOINS, "o7", "Consultation de suivi de l'insuffisance cardiaque et "
                + "adaptation du traitement diurétique", bernard, d("2026-01-15"), "Tous les deux mois", null, "Poids, tension, essoufflement",
                Action.Status.EN_COURS, null, null));
        actions.add(other("a6", Action.Part.SOINS, Action.Kind.SOINS, "o7", "Avis cardiologique : faut-il changer de traitement ?",
                Action.Actor.EXTERIEUR, "Dr Hamon, cardiologue, CHU de Tours (hôpital Trousseau)", null, null, d("2026-07-31"),
                "Compte rendu reçu par le médecin traitant", Action.Status.PREVUE, null, null));
        actions.add(pro("a7", Action.Part.SOINS, Action.Kind.SOINS, "o3", "Évaluation nutritionnelle et conseils pour enrichir les "
                + "repas", caron, d("2026-02-10"), "Une fois par mois", null, "Poids et ingesta", Action.Status.EN_COURS, null, null));
        actions.add(other("a8", Action.Part.SOINS, Action.Kind.SOINS, "o3", "Compléments nutritionnels oraux", Action.Actor.PERSONNE,
                null, d("2026-02-10"), "Deux par jour", null, null, Action.Status.ABANDONNEE,
                "Mal tolérés (nausées) ; remplacés par l'enrichissement des repas", null));
        actions.add(pro("a9", Action.Part.SOINS, Action.Kind.SOINS, "o4", "Entretiens de soutien psychologique à domicile", roux,
                d("2026-06-01"), "Toutes les deux semaines", d("2026-11-30"), "Humeur (GDS) à la réévaluation", Action.Status.PREVUE, null, null));
        // Plan d'aides
        actions.add(other("b10", Action.Part.AIDES, Action.Kind.PREVENTION, "o1", "Aide à domicile : courses et entretien, avec une "
                + "vigilance sur les risques de chute", Action.Actor.EXTERIEUR, "ADMR de Tours Nord", d("2026-05-18"), "3 fois par semaine",
                null, "Nombre de chutes", Action.Status.EN_COURS, null, null));
        actions.add(other("b2", Action.Part.AIDES, Action.Kind.PREVENTION, "o6", "Visite à domicile d'un ergothérapeute et devis "
                + "d'adaptation de la salle de bains", Action.Actor.EXTERIEUR, "Ergothérapeute de Soliha Indre-et-Loire", null, null,
                d("2026-06-30"), "Devis reçu", Action.Status.EN_COURS, null, null));
        actions.add(other("b1", Action.Part.AIDES, Action.Kind.ACCOMPAGNEMENT, "o1", "Téléassistance avec détecteur de chute",
                Action.Actor.EXTERIEUR, "CCAS de Tours", null, null, d("2026-02-15"), "Installée et testée", Action.Status.REALISEE, null,
                "Installée le 12/02/2026 ; le fils et la voisine sont les contacts"));
        actions.add(pro("b3", Action.Part.AIDES, Action.Kind.ACCOMPAGNEMENT, "o6", "Dossier d'aide à l'adaptation du logement "
                + "(Anah, caisse de retraite)", haddad, d("2026-06-01"), null, d("2026-09-30"), "Financement accordé",
                Action.Status.EN_COURS, null, null));
        actions.add(other("b4", Action.Part.AIDES, Action.Kind.ACCOMPAGNEMENT, "o3", "Portage de repas à domicile", Action.Actor.EXTERIEUR,
                "Service de portage du CCAS", d("2026-03-01"), "Du lundi au vendredi", null, "Repas pris en entier", Action.Status.EN_COURS,
                null, null));
        actions.add(pro("b5", Action.Part.AIDES, Action.Kind.ACCOMPAGNEMENT, "o5", "Recherche d'un hébergement temporaire pour le "
                + "répit du fils", haddad, d("2026-04-01"), null, d("2026-09-30"), "Un séjour réservé", Action.Status.EN_COURS, null, null));
        actions.add(pro("b6", Action.Part.AIDES, Action.Kind.ACCOMPAGNEMENT, "o8", "Révision du plan d'aide APA (heures d'aide à "
                + "domicile)", haddad, null, null, d("2026-03-31"), "Décision du Département", Action.Status.REALISEE, null,
                "Plan d'aide porté à 30 heures par mois"));
        actions.add(other("b7", Action.Part.AIDES, Action.Kind.ACCOMPAGNEMENT, "o4", "Club de l'amitié du quartier, accompagnée par "
                + "sa voisine la première fois", Action.Actor.PERSONNE, null, d("2026-06-04"), "Le jeudi après-midi", null,
                "Deux sorties par semaine", Action.Status.EN_COURS, null, null));
        actions.add(other("b8", Action.Part.AIDES, Action.Kind.ACCOMPAGNEMENT, "o5", "Groupe de parole des aidants de la plateforme "
                + "de répit", Action.Actor.AIDANT, "Paul Moreau", null, "Une fois par mois", null, null, Action.Status.PREVUE, null, null));
        actions.add(other("b9", Action.Part.AIDES, Action.Kind.ACCOMPAGNEMENT, "o9", "Aide aux papiers administratifs à domicile",
                Action.Actor.EXTERIEUR, "Association Présence Verte", null, "Une fois par mois", null, null, Action.Status.ABANDONNEE,
                "Refusée par Mme Moreau", null));
        return new PlanContent(coordinator,
                "Insuffisance cardiaque à fraction d'éjection altérée (35 %), deux décompensations en 2025 dont une hospitalisation de "
                        + "huit jours. Hypertension artérielle, arthrose des genoux, cataracte opérée à droite. Onze médicaments par jour "
                        + "à l'entrée dans le plan, huit depuis le bilan partagé de médication. 55 kg pour 1,62 m : perte de 4 kg en six mois.",
                "Veuve depuis 2024, tristesse exprimée, se sent « inutile ». Échelle GDS à 9/15. Pas de trouble cognitif repéré "
                        + "(MMSE 27/30). Tient à rester maîtresse de ses décisions.",
                "Vit seule. Son fils Paul, seul aidant, habite à 40 km et passe le samedi ; il se dit épuisé. Voisine attentive, "
                        + "petite-fille joignable. APA (GIR 4) depuis 2025. Retraite d'institutrice, pas de difficulté financière déclarée.",
                "Appartement au 2e étage sans ascenseur, salle de bains avec baignoire sans barre d'appui. Marche avec une canne à "
                        + "l'extérieur ; ne sort plus seule depuis sa chute d'avril.",
                "Rester chez elle « jusqu'au bout ». Garder ses habitudes : le marché du samedi, la messe, ses mots croisés. Ne veut pas "
                        + "d'aide pour la toilette pour l'instant ; accepte l'infirmière pour le pilulier et la pesée.",
                "Retourner seule au marché. Aller au mariage de sa petite-fille à Nantes en septembre.",
                "En cas de chute : bouton de téléassistance, qui prévient le fils puis la voisine. Essoufflement inhabituel, prise de "
                        + "plus de 2 kg en trois jours ou chevilles gonflées : appeler le cabinet du Dr Bernard (02 47 20 30 41), le 15 la "
                        + "nuit et le week-end. Toute hospitalisation est signalée à la coordinatrice du plan.",
                null, problems, objectives, actions);
    }

    private static Action pro(String uid, Action.Part part, Action.Kind kind, String objective, String label, int professional,
                              LocalDate start, String frequency, LocalDate due, String criterion, Action.Status status, String reason,
                              String result) {
        return new Action(uid, part, kind, objective, label, Action.Actor.PROFESSIONNEL, professional, null, start, frequency, due,
                criterion, status, reason, result);
    }

    private static Action other(String uid, Action.Part part, Action.Kind kind, String objective, String label, Action.Actor actor,
                                String name, LocalDate start, String frequency, LocalDate due, String criterion, Action.Status status,
                                String reason, String result) {
        return new Action(uid, part, kind, objective, label, actor, null, name, start, frequency, due, criterion, status, reason, result);
    }

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }
}
