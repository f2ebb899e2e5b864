/**
 * The Kafka contract: the records (dispatch, control, job events, worker heartbeats), topic names, the default
 * queues and the CloudEvents headers every record carries.
 */
package com.geopera.common.messaging;
