package fr.coordo.demo;

import java.util.List;
import java.util.Map;

/**
 * The French sentences of the demo plans: objectives and actions for each problem of the check-list
 * ({@code resources/reference/problemes.csv}), syntheses, wishes, alerts and follow-up notes. In the
 * texts, « {e} » is the feminine ending and « {ville} » the person's town.
 */
final class DemoTexts {
    private DemoTexts() {}

    /** An objective as negotiated with the person, and how it is checked. */
    record Goal(String label, String criterion) {}

    /**
     * An action of the check-list's problem. {@code who}: a profession code of the team, {@code MT} the
     * médecin traitant, {@code PERSONNE}, {@code AIDANT}, or {@code EXT:} followed by an outside actor.
     */
    record Task(boolean support, String kind, String who, String label, String frequency, String criterion) {}

    /** Objectives and actions that answer one problem. */
    record Answers(List<Goal> goals, List<Task> tasks) {}

    private static Task care(String kind, String who, String label, String frequency, String criterion) {
        return new Task(false, kind, who, label, frequency, criterion);
    }

    private static Task aid(String who, String label, String frequency, String criterion) {
        return new Task(true, "ACCOMPAGNEMENT", who, label, frequency, criterion);
    }

    private static Answers answers(List<Goal> goals, Task... tasks) {
        return new Answers(goals, List.of(tasks));
    }

    static final Map<String, Answers> BY_PROBLEM = Map.ofEntries(
            Map.entry("depression", answers(List.of(
                            new Goal("Retrouver l'envie de sortir et de voir ses proches", "Une sortie par semaine au moins, score GDS en baisse à trois mois"),
                            new Goal("Repérer et traiter une dépression", "Avis du médecin traitant rendu, suivi en place")),
                    care("SOINS", "MT", "Évaluation de l'humeur (échelle GDS) et avis sur un traitement", "Une fois", "Score GDS noté au dossier"),
                    care("SOINS", "psychologue", "Entretiens de soutien psychologique à domicile", "Toutes les deux semaines", "Six entretiens réalisés"),
                    aid("EXT:Association de visiteurs bénévoles", "Visites de convivialité", "Une fois par semaine", "Visites acceptées et régulières"),
                    aid("PERSONNE", "Reprendre une activité au club des aînés", "Le jeudi après-midi", null))),
            Map.entry("medicaments", answers(List.of(
                            new Goal("Prendre son traitement sans erreur", "Aucune erreur de prise relevée par l'infirmière sur un mois"),
                            new Goal("Réduire le nombre de médicaments", "Ordonnance ramenée à moins de huit lignes")),
                    care("PREVENTION", "pharmacien", "Bilan partagé de médication", "Une fois", "Synthèse transmise au médecin traitant"),
                    care("SOINS", "MT", "Révision de l'ordonnance après le bilan de médication", "Une fois", "Nouvelle ordonnance remise"),
                    care("SOINS", "infirmier", "Préparation du pilulier hebdomadaire", "Chaque semaine", "Pilulier vérifié à chaque passage"),
                    aid("AIDANT", "Vérifier le pilulier lors des visites", "Deux fois par semaine", null))),
            Map.entry("denutrition", answers(List.of(
                            new Goal("Reprendre du poids", "Gain de 2 kg à trois mois"),
                            new Goal("Manger deux vrais repas par jour", "Relevé alimentaire sur une semaine")),
                    care("SOINS", "dieteticien", "Bilan diététique et conseils d'enrichissement des repas", "Une fois, puis à un mois", "Apports estimés sur trois jours"),
                    care("PREVENTION", "infirmier", "Pesée mensuelle", "Une fois par mois", "Courbe de poids tenue à jour"),
                    care("SOINS", "MT", "Prescription de compléments nutritionnels oraux", "Une fois", null),
                    aid("EXT:Service de portage de repas de {ville}", "Portage de repas à domicile", "Cinq jours par semaine", "Repas livrés et consommés"))),
            Map.entry("chutes", answers(List.of(
                            new Goal("Se déplacer chez soi sans chuter", "Aucune chute sur trois mois"),
                            new Goal("Retrouver l'assurance pour sortir seul{e}", "Sortie quotidienne jusqu'aux commerces")),
                    care("SOINS", "masseur_kinesitherapeute", "Rééducation de l'équilibre et de la marche", "Deux fois par semaine",
                            "Appui unipodal tenu plus de 5 secondes"),
                    care("PREVENTION", "enseignant_apa", "Atelier d'activité physique adaptée « Équilibre »", "Une fois par semaine",
                            "Présence à 8 séances sur 10"),
                    care("PREVENTION", "ergotherapeute", "Visite à domicile : repérage des risques de chute", "Une fois", "Préconisations remises"),
                    aid("EXT:CCAS de {ville}", "Installation d'une téléassistance", "Une fois", "Appareil installé et testé"),
                    aid("AIDANT", "Pose de barres d'appui dans la salle de bains", "Une fois", null))),
            Map.entry("autonomie", answers(List.of(
                            new Goal("Être aidé{e} pour la toilette et les repas", "Aide à domicile en place"),
                            new Goal("Obtenir l'APA", "Notification du conseil départemental reçue")),
                    aid("assistant_service_social", "Constitution du dossier APA", "Une fois", "Dossier déposé au conseil départemental"),
                    aid("EXT:Service d'aide à domicile Loire Services", "Aide à domicile pour la toilette et les courses", "Deux heures par jour en semaine",
                            "Passages assurés"),
                    care("SOINS", "ergotherapeute", "Évaluation de l'autonomie et conseils en aides techniques", "Une fois", "Aides techniques choisies"),
                    care("SOINS", "EXT:SSIAD du Val de Loire", "Soins d'hygiène par le SSIAD", "Tous les matins", null))),
            Map.entry("douleur", answers(List.of(
                            new Goal("Soulager la douleur au quotidien", "EVA inférieure à 4 au repos")),
                    care("SOINS", "MT", "Évaluation de la douleur et adaptation du traitement antalgique", "Une fois, puis à 15 jours",
                            "EVA notée à chaque consultation"),
                    care("SOINS", "masseur_kinesitherapeute", "Massages et mobilisation douce", "Deux fois par semaine", null),
                    care("SOINS", "infirmier", "Suivi de la douleur à chaque passage", "À chaque passage", "Relevé de l'EVA"),
                    aid("PERSONNE", "Tenir un carnet de la douleur", "Chaque jour", null))),
            Map.entry("cognition", answers(List.of(
                            new Goal("Comprendre les troubles de la mémoire", "Bilan en consultation mémoire réalisé"),
                            new Goal("Continuer à vivre chez soi en sécurité", "Aucun incident domestique signalé")),
                    care("SOINS", "EXT:Consultation mémoire du CHU de Tours", "Bilan en consultation mémoire", "Une fois", "Compte rendu reçu"),
                    care("SOINS", "orthophoniste", "Rééducation orthophonique de la mémoire", "Une fois par semaine", null),
                    aid("EXT:Accueil de jour « Les Tilleuls »", "Accueil de jour", "Un jour par semaine", "Présence régulière"),
                    aid("AIDANT", "Accompagner aux rendez-vous médicaux", null, null))),
            Map.entry("maladies_chroniques", answers(List.of(
                            new Goal("Mieux connaître sa maladie et son traitement", "Séances d'éducation thérapeutique suivies"),
                            new Goal("Éviter une nouvelle hospitalisation", "Aucune hospitalisation non programmée sur six mois")),
                    care("PREVENTION", "infirmier", "Éducation thérapeutique : autosurveillance et signes d'alerte", "Trois séances",
                            "Signes d'alerte connus de la personne"),
                    care("SOINS", "MT", "Consultation de suivi de la maladie chronique", "Tous les trois mois", null),
                    care("PREVENTION", "pedicure_podologue", "Bilan podologique (pied diabétique)", "Une fois", "Grade podologique noté"),
                    care("SOINS", "pharmacien", "Entretien pharmaceutique sur le traitement", "Une fois", null),
                    aid("PERSONNE", "Noter les mesures dans le carnet de suivi", "Chaque jour", null))),
            Map.entry("sensoriel", answers(List.of(
                            new Goal("Mieux voir et mieux entendre au quotidien", "Lunettes ou appareils portés chaque jour")),
                    care("SOINS", "EXT:Ophtalmologiste de Tours", "Consultation ophtalmologique", "Une fois", "Compte rendu reçu"),
                    aid("EXT:Audioprothésiste", "Essai d'appareils auditifs", "Une fois", "Appareils adaptés"),
                    care("SOINS", "MT", "Orientation vers un ORL", "Une fois", null))),
            Map.entry("incontinence", answers(List.of(
                            new Goal("Réduire les fuites urinaires", "Moins d'une fuite par jour")),
                    care("SOINS", "masseur_kinesitherapeute", "Rééducation périnéale", "Une fois par semaine", "Calendrier mictionnel tenu"),
                    care("SOINS", "infirmier", "Bilan de continence et conseils", "Une fois", null),
                    care("PREVENTION", "pharmacien", "Conseil sur les protections adaptées", "Une fois", null),
                    aid("PERSONNE", "Aller aux toilettes à heures régulières", "Toutes les trois heures", null))),
            Map.entry("plaies", answers(List.of(
                            new Goal("Cicatriser l'ulcère de jambe", "Plaie fermée à trois mois"),
                            new Goal("Éviter les escarres", "Peau intacte aux points d'appui")),
                    care("SOINS", "infirmier", "Soins de plaie", "Tous les deux jours", "Surface de la plaie mesurée chaque semaine"),
                    aid("EXT:Prestataire de matériel médical", "Location d'un matelas à air", "Une fois", "Matelas installé"),
                    care("SOINS", "dieteticien", "Conseils nutritionnels pour la cicatrisation", "Une fois", null))),
            Map.entry("sommeil", answers(List.of(
                            new Goal("Dormir sans somnifère", "Arrêt progressif de l'hypnotique en trois mois")),
                    care("SOINS", "MT", "Réduction progressive de l'hypnotique", "Tous les mois", "Dose diminuée à chaque consultation"),
                    care("PREVENTION", "pharmacien", "Conseils d'hygiène du sommeil", "Une fois", null),
                    aid("PERSONNE", "Tenir un agenda du sommeil", "Chaque jour", "Agenda rempli deux semaines"))),
            Map.entry("addictions", answers(List.of(
                            new Goal("Réduire la consommation d'alcool", "Moins de deux verres par jour, dit par la personne et son entourage"),
                            new Goal("Arrêter le tabac", "Sevrage tenu à trois mois")),
                    care("PREVENTION", "MT", "Intervention brève et proposition d'accompagnement", "Une fois", null),
                    care("SOINS", "EXT:CSAPA de Tours", "Suivi en addictologie", "Toutes les deux semaines", "Rendez-vous honorés"),
                    care("SOINS", "pharmacien", "Accompagnement du sevrage tabagique (substituts nicotiniques)", "Une fois par semaine", null),
                    aid("EXT:Groupe d'entraide de Tours", "Participation à un groupe d'entraide", "Une fois par semaine", null))),
            Map.entry("anxiete", answers(List.of(
                            new Goal("Apaiser l'anxiété au quotidien", "La personne se dit plus sereine à trois mois")),
                    care("SOINS", "psychologue", "Entretiens de soutien", "Toutes les deux semaines", null),
                    care("PREVENTION", "infirmier", "Séances de relaxation guidée", "Une fois par semaine", null),
                    aid("PERSONNE", "Marche quotidienne de vingt minutes", "Chaque jour", null))),
            Map.entry("souffrance_psychique", answers(List.of(
                            new Goal("Mettre la personne en sécurité", "Suivi spécialisé en place sous quinze jours")),
                    care("SOINS", "MT", "Évaluation du risque suicidaire", "Une fois, puis chaque semaine", null),
                    care("SOINS", "EXT:Centre médico-psychologique de Tours", "Orientation vers le CMP", "Une fois", "Premier rendez-vous honoré"),
                    care("SOINS", "psychologue", "Entretiens de soutien rapprochés", "Chaque semaine", null),
                    aid("AIDANT", "Rester joignable et prévenir en cas d'inquiétude", null, null))),
            Map.entry("isolement", answers(List.of(
                            new Goal("Rompre l'isolement", "Deux contacts sociaux par semaine au moins")),
                    aid("EXT:Association de visiteurs bénévoles", "Visites de convivialité", "Une fois par semaine", null),
                    aid("EXT:CCAS de {ville}", "Inscription aux après-midi du club des aînés", "Le jeudi", null),
                    aid("AIDANT", "Appel téléphonique quotidien", "Chaque jour", null),
                    care("PREVENTION", "enseignant_apa", "Marche en groupe encadrée", "Une fois par semaine", null))),
            Map.entry("aidant_epuise", answers(List.of(
                            new Goal("Soulager l'aidant", "Une solution de répit utilisée chaque mois")),
                    aid("EXT:Plateforme de répit des aidants d'Indre-et-Loire", "Mise en place d'un hébergement temporaire",
                            "Une semaine tous les deux mois", "Séjours effectués"),
                    care("PREVENTION", "psychologue", "Soutien psychologique de l'aidant", "Une fois par mois", null),
                    aid("AIDANT", "Participer au groupe de parole des aidants", "Une fois par mois", null),
                    aid("EXT:Service d'aide à domicile Loire Services", "Heures de garde à domicile", "Un après-midi par semaine", null))),
            Map.entry("ressources", answers(List.of(
                            new Goal("Retrouver un budget équilibré", "Charges courantes couvertes chaque mois")),
                    aid("assistant_service_social", "Bilan des ressources et accès aux droits", "Une fois", "Droits vérifiés"),
                    aid("EXT:CCAS de {ville}", "Demande d'aide financière ponctuelle", "Une fois", "Réponse du CCAS reçue"),
                    aid("assistant_service_social", "Demande d'allocation de solidarité aux personnes âgées", "Une fois", null))),
            Map.entry("droits", answers(List.of(
                            new Goal("Ouvrir les droits manquants", "Complémentaire santé et ALD effectives")),
                    aid("assistant_service_social", "Demande de complémentaire santé solidaire", "Une fois", "Attestation reçue"),
                    care("SOINS", "MT", "Demande de prise en charge en ALD", "Une fois", "Protocole de soins accepté"),
                    aid("EXT:CPAM d'Indre-et-Loire", "Mise à jour de la carte Vitale et des droits", "Une fois", null))),
            Map.entry("maltraitance", answers(List.of(
                            new Goal("Protéger la personne", "Situation évaluée et mesures prises")),
                    care("SOINS", "MT", "Évaluation de la situation au domicile", "Une fois", null),
                    aid("assistant_service_social", "Information préoccupante au conseil départemental", "Une fois", "Transmission faite"),
                    aid("EXT:Tribunal judiciaire de Tours", "Demande de mesure de protection juridique", "Une fois", null))),
            Map.entry("logement", answers(List.of(
                            new Goal("Vivre dans un logement adapté", "Aménagements réalisés")),
                    care("PREVENTION", "ergotherapeute", "Visite à domicile et préconisations d'aménagement", "Une fois", "Rapport remis"),
                    aid("EXT:Opérateur d'amélioration de l'habitat", "Dossier d'aide à l'adaptation du logement", "Une fois", "Dossier déposé"),
                    aid("assistant_service_social", "Demande de logement social adapté", "Une fois", null))),
            Map.entry("mobilite", answers(List.of(
                            new Goal("Se rendre seul{e} à ses rendez-vous", "Rendez-vous honorés sans l'aide de la famille")),
                    aid("EXT:Transport solidaire de {ville}", "Transport accompagné pour les consultations", "À la demande", null),
                    care("SOINS", "masseur_kinesitherapeute", "Entraînement à la marche avec aide technique", "Deux fois par semaine",
                            "Périmètre de marche mesuré"),
                    aid("ergotherapeute", "Choix d'un déambulateur", "Une fois", null))),
            Map.entry("sortie_hospitalisation", answers(List.of(
                            new Goal("Rester à domicile après l'hospitalisation", "Pas de réhospitalisation dans les trente jours")),
                    care("SOINS", "infirmier", "Visite de retour à domicile sous 48 heures", "Une fois", "Visite faite"),
                    care("SOINS", "MT", "Consultation de sortie d'hospitalisation", "Dans les sept jours", null),
                    care("PREVENTION", "pharmacien", "Conciliation médicamenteuse de sortie", "Une fois", "Écarts d'ordonnance levés"),
                    aid("EXT:SSIAD du Val de Loire", "Reprise des passages du SSIAD", "Tous les matins", null))),
            Map.entry("refus_aides", answers(List.of(
                            new Goal("Trouver avec la personne une aide qu'elle accepte", "Une aide acceptée à trois mois")),
                    aid("assistant_service_social", "Entretien sur les attentes de la personne", "Une fois", null),
                    care("ACCOMPAGNEMENT", "infirmier", "Présentation progressive de l'aide à domicile", "À chaque passage", null),
                    aid("AIDANT", "Rencontre familiale avec la coordinatrice", "Une fois", null))));

    /** Who replaces a profession the team lacks (the small team's ergothérapeute has left, for instance). */
    static final Map<String, String> OUTSIDE_INSTEAD = Map.ofEntries(
            Map.entry("ergotherapeute", "Ergothérapeute de l'équipe APA du conseil départemental"),
            Map.entry("psychologue", "Psychologue libéral de Tours"),
            Map.entry("dieteticien", "Diététicienne du réseau de santé"),
            Map.entry("enseignant_apa", "Association sport santé de Tours"),
            Map.entry("orthophoniste", "Orthophoniste libérale de Tours"),
            Map.entry("pedicure_podologue", "Pédicure-podologue libéral"),
            Map.entry("assistant_service_social", "Service social de la CARSAT"),
            Map.entry("masseur_kinesitherapeute", "Kinésithérapeute libéral"),
            Map.entry("pharmacien", "Pharmacie de quartier"),
            Map.entry("infirmier", "SSIAD du Val de Loire"),
            Map.entry("medecin", "Médecin de garde"));

    static final List<String> PROBLEM_NOTES = List.of(
            "Repéré lors de la visite à domicile.", "Signalé par la famille.", "À confirmer avec le médecin traitant.",
            "La personne en parle d'elle-même.", "Repéré par l'infirmière lors d'un passage.", "Évoqué en réunion de concertation.",
            "Déjà abordé l'an dernier, sans suite.", "La personne minimise, l'entourage s'inquiète.");

    static final List<String> MEDICAL_WITH_ALD = List.of(
            "Traitement stable, tension bien contrôlée.", "Deux hospitalisations cette année pour décompensation.",
            "Polymédication : neuf lignes de traitement.", "Perte de 4 kg en trois mois.", "Chute il y a un mois, sans fracture.",
            "Douleurs de hanche mal soulagées.", "Bilan biologique récent sans anomalie majeure.", "Fatigue croissante depuis l'hiver.");
    static final List<String> MEDICAL = List.of(
            "Pas de maladie chronique connue ; fatigue et perte d'appétit depuis quelques mois.",
            "Arthrose des genoux, marche limitée à 200 mètres.", "Hypertension traitée, bien équilibrée.",
            "Sortie d'hospitalisation récente après une pneumopathie.", "Troubles de la vue non corrigés, lunettes anciennes.",
            "Poids stable, bon état général, douleurs lombaires chroniques.", "Suivi irrégulier : dernier bilan il y a deux ans.",
            "Insomnie ancienne sous hypnotique depuis dix ans.");
    static final List<String> PSYCHOLOGICAL = List.of(
            "Moral fragile depuis le décès du conjoint.", "Se dit anxieu{x} à l'idée de tomber.", "Humeur stable, participe volontiers.",
            "Troubles de la mémoire récente signalés par la famille.", "Refuse pour l'instant toute aide psychologique.",
            "Repérage GDS à 7 : dépression à confirmer.", "Sentiment d'inutilité depuis l'arrêt de ses activités.",
            "Bonne humeur, attaché{e} à son indépendance.", "Épisodes de confusion le soir, selon l'aidant.");
    static final List<String> SOCIAL_ALONE = List.of(
            "Vit seul{e} depuis plusieurs années, enfants à distance.", "Vit seul{e} ; une voisine passe chaque jour.",
            "Vit seul{e}, peu de visites depuis l'hiver.", "Vit seul{e}, ressources modestes (minimum vieillesse).");
    static final List<String> SOCIAL_FAMILY = List.of(
            "Vit en couple ; le conjoint, lui-même fatigué, assure l'essentiel de l'aide.", "Entourage présent : deux enfants dans le département.",
            "Aide à domicile quatre heures par semaine, financée par l'APA.", "Vit chez sa fille depuis sa dernière hospitalisation.",
            "Bien entouré{e}, mais la famille s'épuise.", "Retraité{e}, acti{ve} dans la vie associative de la commune.");
    static final List<String> ENVIRONMENTAL = List.of(
            "Maison à étage, chambre à l'étage.", "Appartement au troisième étage sans ascenseur.",
            "Salle de bains avec baignoire, sans barre d'appui.", "Logement de plain-pied, bien adapté.",
            "Zone rurale à 12 km des commerces ; ne conduit plus.", "Se déplace avec une canne à l'extérieur.",
            "Logement humide, chauffage insuffisant.", "Tapis et escaliers étroits : risques de chute repérés.");
    static final List<String> PREFERENCES = List.of(
            "Souhaite rester à domicile le plus longtemps possible.", "Ne veut pas d'aide le week-end.",
            "Préfère les rendez-vous le matin.", "Souhaite que sa fille soit informée de chaque changement.",
            "Refuse l'entrée en établissement.", "Accepte l'aide à domicile, pas encore le portage de repas.",
            "Veut garder la main sur ses rendez-vous.", "Préfère une seule intervenante plutôt que plusieurs.",
            "Souhaite limiter les déplacements aux consultations.");
    static final List<String> PROJECTS = List.of(
            "Retourner au marché le samedi matin.", "Assister au mariage de sa petite-fille en juin.",
            "Reprendre le jardinage au printemps.", "Passer une semaine chez son fils cet été.",
            "Continuer à faire ses courses seul{e}.", "Retrouver le club de belote du mercredi.",
            "Refaire la promenade des bords de Loire.", "Recevoir sa famille pour les fêtes.");
    static final List<String> ALERTS = List.of(
            "En cas de chute : appeler le 15, puis prévenir l'aidant et le médecin traitant.",
            "Perte de poids de plus de 2 kg en un mois : l'infirmière prévient le médecin traitant.",
            "Si l'aidant ne peut plus être présent : appeler la coordinatrice de la MSP, qui organise un relais.",
            "Essoufflement ou jambes gonflées : l'infirmière prévient le médecin traitant dans la journée.",
            "Idées noires exprimées : contact immédiat du médecin traitant ; la nuit ou le week-end, le 15.",
            "Pas de réponse au téléphone deux jours de suite : passage de l'infirmière ou de la voisine.",
            "Confusion inhabituelle ou fièvre : appel du médecin traitant, le 15 en cas d'urgence.");
    static final List<String> NOT_ACHIEVED = List.of(
            "Hospitalisation intercurrente de trois semaines.", "La personne a refusé le portage de repas.",
            "Six mois d'attente pour l'accueil de jour.", "Aidant indisponible après son opération.",
            "Objectif trop ambitieux, revu avec la personne.", "Dossier APA encore en cours d'instruction.");
    static final List<String> DONE = List.of(
            "Réalisé, compte rendu transmis au médecin traitant.", "Fait ; la personne en est satisfaite.",
            "Réalisé, à reconduire dans six mois.", "Mis en place, fonctionne bien.", "Bilan fait, sans nouvelle indication.",
            "Réalisé avec l'aidant.");
    static final List<String> ABANDONED = List.of(
            "La personne ne souhaite pas poursuivre.", "Remplacée par une solution plus adaptée.", "Refus de l'aidant.",
            "Hospitalisation, puis abandon d'un commun accord.");
    static final List<String> STARTED = List.of(
            "Premières séances faites, à poursuivre.", "Rendez-vous pris.", "Dossier déposé, en attente de réponse.",
            "Commencé, la personne adhère.");
    static final List<String> STEPS = List.of(
            "Point téléphonique avec l'aidant : les passages infirmiers se passent bien.",
            "Visite à domicile : pas de nouvelle chute depuis un mois.",
            "Réunion de concertation pluriprofessionnelle : plan poursuivi, horaires de l'aide à domicile ajustés.",
            "Appel de la personne : inquiète pour son rendez-vous, rassurée.",
            "Point avec l'infirmière : poids stable, appétit meilleur.",
            "Synthèse adressée au médecin traitant.", "Visite conjointe avec l'assistante sociale : dossier complété.",
            "La personne a repris la marche quotidienne.", "Le portage de repas est mal accepté : à rediscuter.",
            "Retour d'hospitalisation : reprise des passages du SSIAD.");
    static final List<String> REVISIONS = List.of(
            "Nouvelle chute avec passage aux urgences.", "Réévaluation à six mois.", "Aggravation de la perte d'autonomie.",
            "Retour à domicile après hospitalisation.", "Épuisement de l'aidant signalé par l'infirmière.",
            "Objectifs atteints : nouveaux objectifs à négocier.");
    static final List<String> CLOSED_OTHERWISE = List.of("Objectifs atteints, situation stabilisée",
            "La personne ne souhaite plus de plan personnalisé");
    static final String CLOSED_DEATH = "Décès de la personne";
    static final List<String> CLOSED_LEFT = List.of("Entrée en EHPAD", "Déménagement hors du territoire de la MSP");

    // ---------------------------------------------------------------- the patient record

    static final List<String> RETIRED_WOMEN = List.of("Institutrice retraitée", "Agricultrice retraitée", "Ancienne aide-soignante",
            "Secrétaire retraitée", "Ancienne commerçante", "Couturière retraitée", "Ancienne employée de banque",
            "Infirmière hospitalière retraitée", "Ancienne ouvrière du textile", "Retraitée de La Poste", "Ancienne viticultrice");
    static final List<String> RETIRED_MEN = List.of("Agriculteur retraité", "Ancien boulanger", "Cheminot retraité", "Ancien maçon",
            "Instituteur retraité", "Ancien menuisier", "Viticulteur retraité", "Ancien ouvrier de l'automobile",
            "Agent territorial retraité", "Ancien chauffeur routier", "Ancien gendarme");
    static final List<String> WORKING_WOMEN = List.of("Aide à domicile", "Secrétaire médicale", "Vendeuse", "Professeure des écoles",
            "Agente d'entretien", "Comptable", "Aide-soignante", "Sans emploi", "Assistante maternelle", "Caissière");
    static final List<String> WORKING_MEN = List.of("Électricien", "Chauffeur-livreur", "Technicien de maintenance", "Agent de sécurité",
            "Cuisinier", "Employé de mairie", "Sans emploi", "Plombier", "Ouvrier viticole", "Magasinier");
    static final List<String> ALD_ELDERLY = List.of("Diabète de type 2", "Insuffisance cardiaque", "Maladie d'Alzheimer",
            "Maladie de Parkinson", "Insuffisance respiratoire chronique (BPCO)", "Cancer du sein", "Cancer de la prostate",
            "Artériopathie des membres inférieurs", "Accident vasculaire cérébral invalidant", "Insuffisance rénale chronique",
            "Maladie coronaire", "Polyarthrite rhumatoïde");
    static final List<String> ALD_YOUNGER = List.of("Diabète de type 1", "Sclérose en plaques", "Affection psychiatrique de longue durée",
            "Maladie de Crohn", "Insuffisance respiratoire chronique (asthme sévère)", "Épilepsie grave");
    static final List<String> CONSENT_PLAN_FORMS = List.of("Formulaire d'information remis", "Formulaire d'information remis et signé",
            "Note d'information sur le plan personnalisé remise", "Formulaire de consentement signé, copie remise à la personne",
            "Formulaire remis à la personne de confiance");
    static final List<String> CONSENT_SHARING_FORMS = List.of("Formulaire d'information sur le partage des données remis",
            "Note d'information de la MSP remise à l'accueil", "Formulaire de consentement au partage signé");
    static final List<String> NOTES = List.of("Préfère être appelé{e} le matin.", "Malentendant{e} : parler face à la personne.",
            "Ne pas appeler avant 10 h.", "Chien à la maison : prévenir avant la visite.", "Clé dans la boîte à clés, code chez l'infirmière.",
            "Parle peu le français : sa fille traduit.");
    static final List<String> MAIL_DOMAINS = List.of("exemple.fr", "courriel.exemple.fr", "messagerie.exemple.net", "boite.exemple.org");
    static final List<String> TOWNS_OUTSIDE = List.of("Amboise", "Montlouis-sur-Loire", "Vouvray", "Chinon", "Loches", "Bléré",
            "Château-Renault", "Azay-le-Rideau");

    /** Applies the person's gender to a template: « seul{e} » gives « seule » for a woman. */
    static String agree(String text, boolean woman) {
        return text.replace("{e}", woman ? "e" : "").replace("{x}", woman ? "se" : "x").replace("{ve}", woman ? "ve" : "f");
    }
}
