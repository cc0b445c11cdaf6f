package io.modelway.core.security;

import org.springframework.security.authentication.AuthenticationServiceException;

/** The identity provider could not be asked (down, slow, or answering errors): the caller may retry. */
public class IdentityProviderUnavailable extends AuthenticationServiceException {

    public IdentityProviderUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
