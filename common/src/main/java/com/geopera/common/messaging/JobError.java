package com.geopera.common.messaging;

/** Why a job failed: a stable code, a message for people, and whether another attempt could succeed. */
public record JobError(String code, String message, boolean retryable) {
}
