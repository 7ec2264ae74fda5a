package dev.portico.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code portico}: custom domains from the command line. Talks to the domains API: the local runner's by default,
 * AWS's with {@code --api https://<id>.execute-api.<region>.amazonaws.com} (signed with SigV4, credentials as the AWS
 * CLI finds them).
 */
@Command(name = "portico", mixinStandardHelpOptions = true, version = "portico 0.1.0",
        description = "Custom domains with automatic TLS: register, watch, remove, purge.",
        subcommands = {DomainsCommand.class, PurgeCommand.class, ReconcileCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the API refused or failed (its message says why)", "2:bad usage",
            "3:API unreachable", "4:not found", "5:forbidden (another tenant's domain)",
            "6:gave up waiting (--wait --timeout)"})
public final class Portico implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--api", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The domains API (default: PORTICO_API_URL, else the local runner, http://127.0.0.1:8080).")
    String api;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the API's JSON instead of tables.")
    boolean json;

    @Option(names = "--region", scope = ScopeType.INHERIT, paramLabel = "REGION",
            description = "Region to sign for (default: taken from an execute-api URL, else AWS_REGION).")
    String region;

    @Option(names = "--no-sign", scope = ScopeType.INHERIT,
            description = "Do not sign requests, even to an AWS URL (an API without IAM auth).")
    boolean noSign;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; what it prints goes to {@code out} and {@code err}. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new Portico());
        line.setOut(out).setErr(err);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException cli) {
                cmd.getErr().println("portico: " + cli.getMessage());
                cmd.getErr().flush();
                return cli.exitCode();
            }
            throw e;
        });
        return line.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The API client the options describe. */
    ApiClient client() {
        String url = Optional.ofNullable(api).or(() -> Optional.ofNullable(System.getenv("PORTICO_API_URL")))
                .filter(s -> !s.isBlank()).orElse("http://127.0.0.1:8080");
        URI base = URI.create(url);
        Optional<String> awsRegion = Optional.ofNullable(region).or(() -> SigV4Signer.regionOf(base))
                .or(() -> Optional.ofNullable(System.getenv("AWS_REGION")));
        boolean aws = base.getHost() != null && base.getHost().endsWith(".amazonaws.com");
        RequestSigner signer = !noSign && aws && awsRegion.isPresent()
                ? new SigV4Signer(awsRegion.get()) : RequestSigner.NONE;
        return new ApiClient(base, signer);
    }
}
