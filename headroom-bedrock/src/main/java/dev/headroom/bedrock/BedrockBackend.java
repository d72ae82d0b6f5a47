package dev.headroom.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.headroom.gateway.AnthropicBackend;
import dev.headroom.spi.Backend;
import dev.headroom.spi.UpstreamDialect;
import dev.headroom.spi.Usage;
import dev.headroom.wire.JsonCodec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Anthropic models on Amazon Bedrock ({@code --backend bedrock}): {@code InvokeModel} and
 * {@code InvokeModelWithResponseStream} at {@code https://bedrock-runtime.{region}.amazonaws.com}, every
 * request SigV4-signed (service {@code bedrock}) by the AWS SDK's {@link AwsV4HttpSigner} with credentials from
 * the AWS SDK's default chain (environment, system properties, web identity, the shared
 * {@code ~/.aws/credentials} and {@code config} profiles, SSO, container and instance roles). Model names go
 * through {@link BedrockModels}. The request and stream handling is headroom-core's (the
 * {@link UpstreamDialect#BEDROCK_INVOKE} dialect). The region is {@code AWS_REGION} (or
 * {@code AWS_DEFAULT_REGION}, else {@code us-west-2}) when found by {@link java.util.ServiceLoader}, or the
 * proxy's {@code --region}.
 */
public final class BedrockBackend implements Backend {
    /** The region when none is configured. */
    public static final String DEFAULT_REGION = "us-west-2";

    private final AnthropicBackend anthropic = new AnthropicBackend();
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** For {@link java.util.ServiceLoader}: the region from the environment, the default credentials chain. */
    public BedrockBackend() {
        this(regionFromEnvironment(System::getenv), null, Clock.systemUTC());
    }

    /**
     * @param region      such as {@code us-west-2}
     * @param credentials where credentials come from; null for the AWS SDK's default chain (resolved lazily)
     * @param clock       the signing clock
     */
    public BedrockBackend(String region, AwsCredentialsProvider credentials, Clock clock) {
        this.region = Objects.requireNonNull(region, "region").strip();
        if (!this.region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new IllegalArgumentException("not an AWS region: '" + region + "' (such as us-west-2)");
        }
        this.credentials = credentials;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    static String regionFromEnvironment(Function<String, String> env) {
        for (String name : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
            String v = env.apply(name);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return DEFAULT_REGION;
    }

    /** The signing region. */
    public String region() {
        return region;
    }

    @Override
    public String name() {
        return "bedrock";
    }

    @Override
    public URI defaultBaseUrl() {
        return URI.create("https://bedrock-runtime." + region + ".amazonaws.com");
    }

    @Override
    public UpstreamDialect messagesDialect() {
        return UpstreamDialect.BEDROCK_INVOKE;
    }

    @Override
    public String upstreamModel(String clientModel) {
        return BedrockModels.modelId(clientModel, region);
    }

    @Override
    public boolean isAuthHeader(String lowerCaseName) {
        return lowerCaseName.equals("authorization") || lowerCaseName.startsWith("x-amz-");
    }

    /** Bedrock's own error shape, {@code {"message":…}}. */
    @Override
    public String errorBody(int status, String type, String message) {
        return JsonCodec.write(JsonNodeFactory.instance.objectNode().put("message", message));
    }

    @Override
    public Optional<Usage> usageFromResponse(JsonNode responseBody) {
        return anthropic.usageFromResponse(responseBody);
    }

    @Override
    public List<String> credentialVariables() {
        return List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE");
    }

    @Override
    public boolean credentialsRequired() {
        return true;
    }

    /** Whether the credentials chain finds credentials now (environment, profiles, roles, …). */
    @Override
    public boolean hasCredentials(Function<String, String> env) {
        try {
            provider().resolveCredentials();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Map<String, String> signedHeaders(String method, URI uri, Map<String, String> headers, byte[] body) {
        AwsCredentialsIdentity identity;
        try {
            identity = provider().resolveCredentials();
        } catch (RuntimeException e) {
            throw new IllegalStateException("backend bedrock found no AWS credentials (environment AWS_ACCESS_KEY_ID/"
                    + "AWS_SECRET_ACCESS_KEY, AWS_PROFILE or ~/.aws/credentials, SSO, or an instance role)");
        }
        return sign(signer, identity, "bedrock", region, clock, method, uri, headers, body);
    }

    /** SigV4 with the AWS SDK's signer: every header of the signed request (Host included). */
    static Map<String, String> sign(AwsV4HttpSigner signer, AwsCredentialsIdentity identity, String service, String region,
                                    Clock clock, String method, URI uri, Map<String, String> headers, byte[] body) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        SignedRequest signed = signer.sign(r -> r.identity(identity)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signed.request().headers().forEach((name, values) -> out.put(name, String.join(",", values)));
        return out;
    }

    private AwsCredentialsProvider provider() {
        return credentials != null ? credentials : DefaultChain.INSTANCE;
    }

    /** The default chain, built once and only when first needed (it reads files and the environment). */
    private static final class DefaultChain {
        static final AwsCredentialsProvider INSTANCE = DefaultCredentialsProvider.builder().build();
    }
}
