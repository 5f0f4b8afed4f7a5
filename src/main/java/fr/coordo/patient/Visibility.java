package fr.coordo.patient;

import static fr.coordo.store.schema.Tables.APPOINTMENT;
import static fr.coordo.store.schema.Tables.APPOINTMENT_PROFESSIONAL;
import static fr.coordo.store.schema.Tables.CARE_PLAN;
import static fr.coordo.store.schema.Tables.PLAN_ACTION;
import static fr.coordo.store.schema.Tables.PLAN_VERSION;

import fr.coordo.store.Access;
import fr.coordo.store.AccessDenied;
import fr.coordo.store.Permission;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Which patients the person signed in may read: every patient with {@link Permission#ALL_PATIENTS}, else only
 * those they follow, that is whose care plan (any version) gives them an action, or who have an appointment they
 * take part in. The one place this rule is written: every service that reads patient data filters its lists with
 * {@link #patients} and refuses a direct access with {@link #require}.
 */
public final class Visibility {
    private Visibility() {}

    /** The condition on {@code patientId} (a patient id column of any table) that keeps the readable patients only; no condition at all with every right, so that queries stay as they were. */
    public static Condition patients(Access who, Field<Integer> patientId) {
        if (who.can(Permission.ALL_PATIENTS)) {
            return DSL.noCondition();
        }
        if (who.professionalId() == null) {
            return DSL.falseCondition();
        }
        return followed(who.professionalId(), patientId);
    }

    /** The patients {@code professionalId} follows: an action in their plan, or an appointment with them. */
    public static Condition followed(int professionalId, Field<Integer> patientId) {
        var plan = CARE_PLAN.as("vis_plan");
        var version = PLAN_VERSION.as("vis_version");
        var action = PLAN_ACTION.as("vis_action");
        var appointment = APPOINTMENT.as("vis_appointment");
        var taking = APPOINTMENT_PROFESSIONAL.as("vis_taking");
        return patientId.in(DSL.select(plan.PATIENT_ID).from(plan)
                        .join(version).on(version.PLAN_ID.eq(plan.ID))
                        .join(action).on(action.VERSION_ID.eq(version.ID))
                        .where(action.PROFESSIONAL_ID.eq(professionalId)))
                .or(patientId.in(DSL.select(appointment.PATIENT_ID).from(taking)
                        .join(appointment).on(appointment.ID.eq(taking.APPOINTMENT_ID))
                        .where(taking.PROFESSIONAL_ID.eq(professionalId)).and(appointment.PATIENT_ID.isNotNull())));
    }

    /**
     * The appointments one may read: all with {@link Permission#ALL_PATIENTS}, else those one takes part in (team
     * meetings included) and those of the patients one follows.
     */
    public static Condition appointments(Access who) {
        if (who.can(Permission.ALL_PATIENTS)) {
            return DSL.noCondition();
        }
        if (who.professionalId() == null) {
            return DSL.falseCondition();
        }
        var mine = APPOINTMENT_PROFESSIONAL.as("vis_mine");
        return APPOINTMENT.ID.in(DSL.select(mine.APPOINTMENT_ID).from(mine).where(mine.PROFESSIONAL_ID.eq(who.professionalId())))
                .or(followed(who.professionalId(), APPOINTMENT.PATIENT_ID));
    }

    /** Whether the patient is one the person signed in may read. */
    public static boolean canRead(DSLContext dsl, Access who, int patientId) {
        if (who.can(Permission.ALL_PATIENTS)) {
            return true;
        }
        return who.professionalId() != null && dsl.fetchExists(DSL.selectOne().where(followed(who.professionalId(), DSL.val(patientId))));
    }

    /**
     * Refuses, in French, to show {@code what} (« le plan PPS-2026-0007 », « ce patient ») of a patient one does not
     * follow. Names the thing asked for, never the patient.
     */
    public static void require(DSLContext dsl, Access who, int patientId, String what) {
        if (!canRead(dsl, who, patientId)) {
            throw refusal(who, what);
        }
    }

    /** The refusal {@link #require} throws, for a service that knows already. */
    public static AccessDenied refusal(Access who, String what) {
        return new AccessDenied(Permission.ALL_PATIENTS, "Votre rôle (" + who.role().label() + ") ne permet pas de consulter " + what
                + " : vous ne suivez pas ce patient (aucune action de son plan ne vous est confiée et vous n'avez aucun rendez-vous "
                + "avec lui). Demandez à la coordination de vous l'attribuer si vous devez le suivre.");
    }
}
