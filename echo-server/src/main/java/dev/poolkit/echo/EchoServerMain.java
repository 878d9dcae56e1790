package dev.poolkit.echo;

/** {@code java -jar echo-server.jar [OPTIONS]}: see {@link EchoServerCommand} or {@code --help}. */
public final class EchoServerMain {
    private EchoServerMain() {
    }

    public static void main(String[] args) {
        // While the server runs, execute() does not return: the shutdown hook ends the process.
        System.exit(EchoServerCommand.commandLine().execute(args));
    }
}
