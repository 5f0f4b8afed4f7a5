package fr.coordo.plan;

/** Every enum of the plan carries its French label. */
public interface Labels {
    String label();
}
