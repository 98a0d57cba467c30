-- AlterTable
ALTER TABLE "Credence" ADD COLUMN     "importedFrom" TEXT;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "licence" TEXT;
