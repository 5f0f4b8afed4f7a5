-- A professionnel reads the patients they follow: those with an action of theirs in a plan. Without this
-- index, that check reads every plan action of the structure.
CREATE INDEX plan_action_professional ON plan_action (professional_id) WHERE professional_id IS NOT NULL;
