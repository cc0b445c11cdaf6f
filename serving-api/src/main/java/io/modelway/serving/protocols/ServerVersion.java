package io.modelway.serving.protocols;

/** The version this server reports to protocol clients: the jar's version, or {@code dev} from the IDE. */
public final class ServerVersion {

    private ServerVersion() {
    }

    public static String get() {
        String version = ServerVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
