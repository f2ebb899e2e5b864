package com.geopera.api.contract.constraints;

import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.job.JobStatus;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/** Every element is a job status as clients write it ({@code created}, {@code queued} …); one problem per other one. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Constraint(validatedBy = JobStatuses.Validator.class)
public @interface JobStatuses {
    String message() default "status must be created, queued, running, succeeded, failed or cancelled";

    String code() default InputErrorCodes.NOT_ALLOWED_VALUE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Asks {@link JobStatus#fromWireName} about each element. */
    class Validator implements ConstraintValidator<JobStatuses, List<String>> {
        private String message;

        @Override
        public void initialize(JobStatuses annotation) {
            message = annotation.message();
        }

        @Override
        public boolean isValid(List<String> values, ConstraintValidatorContext context) {
            return ListedValues.check(values, Validator::isStatus, false, message, context);
        }

        private static boolean isStatus(String value) {
            try {
                JobStatus.fromWireName(value);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
