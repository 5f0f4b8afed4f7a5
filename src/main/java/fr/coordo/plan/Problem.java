package fr.coordo.plan;

/**
 * A situation à problème: picked from the check-list ({@code code}) or free text, with its priority
 * (1 high, 2 medium, 3 low) and the « à explorer » mark.
 */
public record Problem(String uid, String code, String label, Dimension dimension, int priority, boolean toExplore, String notes) {

    public static String priorityLabel(int priority) {
        return switch (priority) {
            case 1 -> "Haute";
            case 2 -> "Moyenne";
            default -> "Basse";
        };
    }
}
