-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "searchText" TEXT;

-- CreateIndex
CREATE INDEX "cases_updatedAt_idx" ON "cases"("updatedAt");

-- Existing cases: the same folding in SQL, with a cruder mask (any e-mail, any run of 6+ digits);
-- new cases get the full redaction from insertCase (src/cases/case-search-text.ts).
UPDATE "cases" SET "searchText" = btrim(regexp_replace(translate(
  regexp_replace(regexp_replace(concat_ws(' ', "description", "place", "involved"),
    '[^[:space:]]+@[^[:space:]]+', ' ', 'g'),
    '[0-9][0-9 .()+-]{4,}[0-9]', ' ', 'g'),
  'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐABCDEFGHIJKLMNOPQRSTUVWXYZ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydaaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydabcdefghijklmnopqrstuvwxyz'), '[^a-z0-9]+', ' ', 'g'));
