package fr.coordo.identity;

/**
 * A checked French identifier. Instances come only from each kind's {@code check} (or {@code confirmed}) factory,
 * so holding one means the value passed its format check.
 */
public sealed interface Identifier permits Nir, Siren, Siret, Iban, Bic, Rpps, Adeli, AmNumber, Finess {

    /** The normalised value: no spaces, tabs, dots or dashes, upper case. */
    String value();

    IdentifierKind kind();
}
