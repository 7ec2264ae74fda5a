package dev.portico.aws.testing;

import dev.portico.aws.AwsClients;
import dev.portico.testkit.LocalServices;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Clients pointed at the local AWS emulator, exactly as a user would point them at LocalStack. */
public final class EmulatorClients {
    private EmulatorClients() {
    }

    public static AwsClients create() {
        return AwsClients.withEndpoint(LocalServices.awsEndpoint(), Region.of(LocalServices.awsRegion()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalServices.get("AWS_ACCESS_KEY_ID"), LocalServices.get("AWS_SECRET_ACCESS_KEY"))));
    }
}
