package io.github.meddistill.spark;

import java.io.Serializable;

/**
 * A provider's rate limit for a whole Spark job: every executor's teacher takes its requests from one budget held
 * by the driver, so the job as a whole stays under the limit however many executors it has.
 *
 * @param requestsPerMinute requests per minute, or null for no request limit
 * @param tokensPerMinute tokens per minute (estimated prompt tokens plus the output limit, as providers count), or
 *     null for no token limit
 */
public record JobRateLimit(Long requestsPerMinute, Long tokensPerMinute) implements Serializable {

    private static final long serialVersionUID = 1L;

    public JobRateLimit {
        if (requestsPerMinute == null && tokensPerMinute == null) {
            throw new IllegalArgumentException("a job rate limit needs requestsPerMinute, tokensPerMinute or both; for"
                    + " no limit use SparkTeacher.of with the teacher's builder");
        }
        if (requestsPerMinute != null && requestsPerMinute < 1 || tokensPerMinute != null && tokensPerMinute < 1) {
            throw new IllegalArgumentException("limits must be positive: requestsPerMinute=" + requestsPerMinute
                    + ", tokensPerMinute=" + tokensPerMinute);
        }
    }

    /** At most {@code requestsPerMinute} requests a minute for the whole job. */
    public static JobRateLimit requests(long requestsPerMinute) {
        return new JobRateLimit(requestsPerMinute, null);
    }

    /** At most {@code requestsPerMinute} requests and {@code tokensPerMinute} tokens a minute for the whole job. */
    public static JobRateLimit requestsAndTokens(long requestsPerMinute, long tokensPerMinute) {
        return new JobRateLimit(requestsPerMinute, tokensPerMinute);
    }
}
