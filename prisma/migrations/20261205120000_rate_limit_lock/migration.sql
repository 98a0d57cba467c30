-- A counter may also hold its key locked until a moment (the per-(email, address) sign-in back-off).
ALTER TABLE "RateLimitBucket" ADD COLUMN "lockedUntil" TIMESTAMP(3);
