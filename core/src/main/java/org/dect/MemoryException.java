package org.dect;

/** The study does not fit in the memory the JVM may use: the message says how much it needs and how to give it. */
public final class MemoryException extends DectException {

    public MemoryException(String message) {
        super(message, null);
    }

    @Override
    public Kind kind() {
        return Kind.MEMORY;
    }

    /** How a user gives dect more memory, for the messages that end in it. */
    public static String howToGiveMore(double gigabytes) {
        return String.format(java.util.Locale.ROOT, "Give the JVM more heap, e.g. DECT_JAVA_OPTS=-Xmx%dg ./dect ... "
                + "(or java -Xmx%dg -jar dect.jar ...).", (long) Math.ceil(gigabytes), (long) Math.ceil(gigabytes));
    }

    /** The heap this JVM may use, GB. */
    public static double maxHeapGb() {
        return Runtime.getRuntime().maxMemory() / 1e9;
    }
}
