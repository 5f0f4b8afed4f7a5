package fr.coordo.pathway;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A projet de parcours and every version of it, oldest first: the full history stays visible. */
public record Project(int id, String reference, List<ProjectVersion> versions) {
    public Project {
        versions = List.copyOf(versions);
    }

    /** The latest version: the one being prepared, or the last one declared. */
    public ProjectVersion current() {
        return versions.getLast();
    }

    public PcrTypeVersion type() {
        return current().type();
    }

    /** The first day any version let episodes start (or will, if the ARS stays silent); empty if none does. */
    public Optional<LocalDate> firstAuthorisedOn() {
        return versions.stream().map(ProjectVersion::authorisedFrom).flatMap(Optional::stream).min(LocalDate::compareTo);
    }

    /** The version in force on {@code day}: the latest one validated or réputé validé by then. */
    public Optional<ProjectVersion> inForce(LocalDate day) {
        ProjectVersion found = null;
        for (ProjectVersion v : versions) {
            Optional<LocalDate> from = v.authorisedFrom();
            if (from.isPresent() && !from.get().isAfter(day)) {
                found = v;
            }
        }
        return Optional.ofNullable(found);
    }
}
