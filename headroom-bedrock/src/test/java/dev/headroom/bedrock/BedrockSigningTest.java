package dev.headroom.bedrock;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4Properties;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4RequestSigner;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4RequestSigningResult;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signing the bedrock backend does, checked against the AWS SigV4 test suite's published vectors. */
class BedrockSigningTest {
    private static final Clock SUITE_TIME = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final AwsBasicCredentials SUITE_KEY = AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    private static List<String[]> vectors() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = BedrockSigningTest.class.getResourceAsStream("/aws-sig-v4-test-suite.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
        }
        return rows;
    }

    /**
     * The suite's requests carry only Host and X-Amz-Date; the SDK's public {@link AwsV4HttpSigner} always adds
     * {@code x-amz-content-sha256} first (as the SDK's own Bedrock client sends it), so the vectors are checked
     * against the request signer it delegates to, {@code V4RequestSigner} (the SDK's canonical request,
     * string to sign, key derivation and HMAC chain), with the empty body's hash.
     */
    @Test
    void theSdksV4SigningReproducesEveryVectorOfTheSigV4TestSuite() throws IOException {
        List<String[]> vectors = vectors();
        assertThat(vectors).hasSize(4);
        V4Properties properties = V4Properties.builder().credentials(SUITE_KEY)
                .credentialScope(new CredentialScope("us-east-1", "service", SUITE_TIME.instant()))
                .signingClock(SUITE_TIME).doubleUrlEncode(true).normalizePath(true).build();
        for (String[] v : vectors) {
            SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(v[1]))
                    .uri(URI.create("https://example.amazonaws.com" + v[2]))
                    .putHeader("Host", "example.amazonaws.com").putHeader("X-Amz-Date", "20150830T123600Z");
            if (!v[3].equals("-")) {
                request.putHeader(v[3].substring(0, v[3].indexOf(':')), v[3].substring(v[3].indexOf(':') + 1));
            }
            V4RequestSigningResult result = V4RequestSigner.create(properties, EMPTY_SHA256).sign(request);
            String authorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + properties.getCredentialScope().scope()
                    + ", SignedHeaders=" + result.getCanonicalRequest().getSignedHeadersString() + ", Signature=" + result.getSignature();
            assertThat(authorization).as(v[0]).isEqualTo(v[4]);
        }
    }

    /**
     * End to end through the public signer the backend uses, on the published vector whose request carries
     * {@code x-amz-content-sha256}: "GET Object" of Amazon S3's SigV4 documentation (Authenticating Requests:
     * Using the Authorization Header, example credentials AKIAIOSFODNN7EXAMPLE, 20130524T000000Z).
     */
    @Test
    void thePublicSignerReproducesThePublishedGetObjectExample() {
        Map<String, String> signed = BedrockBackend.sign(AwsV4HttpSigner.create(),
                AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), "s3", "us-east-1",
                Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC), "GET",
                URI.create("https://examplebucket.s3.amazonaws.com/test.txt"), Map.of("Range", "bytes=0-9"), new byte[0]);
        assertThat(signed.get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        assertThat(signed.get("x-amz-content-sha256")).isEqualTo(EMPTY_SHA256);
    }

    @Test
    void bedrockRequestsAreSignedForTheBedrockServiceInTheRegionWithTheSessionToken() {
        BedrockBackend backend = new BedrockBackend("eu-central-1", StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "session-token")), SUITE_TIME);
        Map<String, String> signed = backend.signedHeaders("POST",
                URI.create("https://bedrock-runtime.eu-central-1.amazonaws.com/model/eu.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke"),
                Map.of("Content-Type", "application/json"), "{\"max_tokens\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(signed.get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-central-1/bedrock/aws4_request, ")
                .contains("content-type").contains("x-amz-security-token");
        assertThat(signed.get("X-Amz-Security-Token")).isEqualTo("session-token");
    }

    @Test
    void withoutCredentialsSigningFailsWithAMessageNamingWhereItLooked() {
        BedrockBackend backend = new BedrockBackend("us-west-2", () -> {
            throw software.amazon.awssdk.core.exception.SdkClientException.create("no credentials");
        }, SUITE_TIME);
        assertThat(backend.hasCredentials(name -> null)).isFalse();
        assertThatThrownBy(() -> backend.signedHeaders("POST", URI.create("https://bedrock-runtime.us-west-2.amazonaws.com/model/x/invoke"),
                Map.of(), new byte[0])).isInstanceOf(IllegalStateException.class).hasMessageContaining("AWS_ACCESS_KEY_ID")
                .hasMessageNotContaining("secret");
    }

    @Test
    void modelNamesBecomeRegionalInferenceProfilesAndBedrockIdsPassThrough() {
        assertThat(BedrockModels.modelId("claude-sonnet-4-5", "us-west-2")).isEqualTo("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(BedrockModels.modelId("claude-sonnet-4-5-20250929", "eu-west-1")).isEqualTo("eu.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(BedrockModels.modelId("claude-3-5-haiku-latest", "ap-northeast-1")).isEqualTo("apac.anthropic.claude-3-5-haiku-20241022-v1:0");
        assertThat(BedrockModels.modelId("us.anthropic.claude-opus-4-1-20250805-v1:0", "eu-west-1")).isEqualTo("us.anthropic.claude-opus-4-1-20250805-v1:0");
        assertThat(BedrockModels.modelId("arn:aws:bedrock:us-east-1:123:inference-profile/x", "us-east-1")).startsWith("arn:");
        assertThat(BedrockModels.modelId("some-other-model", "us-west-2")).isEqualTo("some-other-model");
        assertThat(BedrockModels.modelId("claude-sonnet-4-5", "me-south-1")).isEqualTo("anthropic.claude-sonnet-4-5-20250929-v1:0");
    }

    @Test
    void aRegionThatIsNotOneIsRefused() {
        assertThatThrownBy(() -> new BedrockBackend("mars", null, SUITE_TIME)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("us-west-2");
        assertThat(BedrockBackend.regionFromEnvironment(n -> n.equals("AWS_DEFAULT_REGION") ? "eu-west-3" : null)).isEqualTo("eu-west-3");
        assertThat(BedrockBackend.regionFromEnvironment(n -> null)).isEqualTo("us-west-2");
    }
}
