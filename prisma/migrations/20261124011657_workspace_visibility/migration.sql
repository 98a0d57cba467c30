-- CreateEnum
CREATE TYPE "WorkspaceVisibility" AS ENUM ('private', 'public');

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "visibility" "WorkspaceVisibility" NOT NULL DEFAULT 'private';
