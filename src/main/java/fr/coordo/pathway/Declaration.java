package fr.coordo.pathway;

import fr.coordo.team.StructureInput;
import java.util.List;

/**
 * Everything the ARS dossier is made of: the version of the projet (type, team with each professional's record),
 * the structure, and the gaps that would stop it. A transmitted version keeps the declaration as it was sent.
 */
public record Declaration(ProjectVersion project, StructureInput structure, List<Gap> gaps) {
    public Declaration {
        gaps = List.copyOf(gaps);
    }

    /** Gaps in the content: with any of them the dossier is not produced, the gaps are listed instead. */
    public List<Gap> blockingGaps() {
        return gaps.stream().filter(g -> g.kind().isContent()).toList();
    }
}
