-- CreateEnum
CREATE TYPE "TokenScope" AS ENUM ('read', 'write');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "scope" "TokenScope" NOT NULL DEFAULT 'write',
ADD COLUMN     "workspaceId" TEXT;

-- AlterTable
ALTER TABLE "Invite" ADD COLUMN     "declinedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Invite_email_idx" ON "Invite"("email");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
