package fr.coordo.security;

import fr.coordo.store.StoreException;
import java.time.Duration;

/** A sign-in that did not succeed; {@link #retryIn()} is positive when attempts are being slowed down. */
public final class SignInRefused extends StoreException {
    private final Duration retryIn;

    SignInRefused(String message, Duration retryIn) {
        super(message);
        this.retryIn = retryIn;
    }

    public Duration retryIn() {
        return retryIn;
    }

    static SignInRefused wrong(int failures) {
        String more = failures >= Keyring.FREE_ATTEMPTS
                ? " Après plusieurs échecs, chaque nouvel essai doit attendre un peu plus longtemps."
                : "";
        return new SignInRefused("Identifiant ou mot de passe incorrect." + more, Duration.ZERO);
    }

    static SignInRefused slowedDown(Duration wait) {
        long s = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new SignInRefused("Trop d'essais manqués : réessayez dans " + s + (s > 1 ? " secondes." : " seconde."), wait);
    }
}
