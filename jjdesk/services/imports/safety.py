"""Checks on an import file before any parser touches it: officers' files come from e-mail and USB sticks.

An .xlsx file is a zip of XML. Three attacks matter here: a zip bomb (a few kilobytes that inflate to
gigabytes), an XML bomb (entities that expand to gigabytes, "billion laughs") and macros. None of them needs a
bug in a parser: the parser just does what the file says. So before parsing we

- refuse files over a size limit, macro-enabled workbooks (.xlsm, ``vbaProject.bin``) and encrypted or old
  binary files (the OLE compound-file signature), each with a message the officer can act on;
- inflate every zip member ourselves in bounded chunks — counting the bytes actually produced, not the sizes the
  zip directory claims, because a bomb lies about those — and stop at a total-size and a compression-ratio
  limit;
- measure each sheet's real extent while inflating it — the farthest cell reference and the number of cells —
  and refuse a sheet past the row, column or cell limits before any reader sees it: a reader builds a dense
  rows × columns grid, so one cell at XFD1048576 in a 5 KB file would otherwise take gigabytes or end the
  process;
- refuse any document type declaration (``<!DOCTYPE`` / ``<!ENTITY``) in any member: a real workbook never has
  one, and without it there are no entities to expand. ``[Content_Types].xml`` is parsed with defusedxml, which
  refuses entities on its own; openpyxl, should it read a file, parses sheets through defusedxml once it is
  installed and other parts with lxml without resolving entities.

A truncated or damaged file gives a clear Chinese message instead of a traceback.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from jjdesk.services.core.errors import ServiceError, os_reason

XLSX, CSV = "xlsx", "csv"
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"
_LOCAL_HEADER = struct.Struct("<4s5H3I2H")
_CHUNK = 1 << 16
_DTD_MARKS = tuple(
    word.encode(enc) for word in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be")
)
_MACRO_TYPES = ("macroenabled", "vbaproject")
_MB = 1 << 20
_SHEET_MEMBER = re.compile(r"xl/worksheets/[^/]+\.xml", re.IGNORECASE)
# A cell's reference, wherever its r attribute stands among the others (Excel writes it first, others may not).
_CELL_COLUMN = re.compile(rb"<c\b[^>]*?\sr=\"([A-Z]{1,3})[0-9]")
_ROW_REF = re.compile(rb"<row\b[^>]*?\sr=\"([0-9]{1,7})\"")
_EDGE = 256  # bytes of one chunk kept for the next, so a tag split between two chunks is still seen


class UnsafeFile(ServiceError):
    """The file was refused before parsing; the message says why and what the officer can do."""


@dataclass(frozen=True)
class Limits:
    """What an import accepts. The defaults fit the district's registers many times over."""

    max_file_bytes: int = 64 * _MB
    max_unzipped_bytes: int = 1024 * _MB  # all members together, as actually inflated
    max_ratio: int = 100  # inflated ÷ compressed, judged once a member has produced ratio_floor bytes
    ratio_floor: int = 4 * _MB
    max_members: int = 2000
    max_rows: int = 200_000
    max_columns: int = 200
    # Cells of one sheet, counted and as the rows × columns grid a reader builds (~100 bytes each once read):
    # 200,000 rows of 30 columns fit; a far-away single cell or a dense 190,000 × 200 sheet does not.
    max_cells: int = 6_000_000
    header_rows: int = 20  # rows allowed above the data (title, notes, header) beyond max_rows


DEFAULT_LIMITS = Limits()


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _column_letters(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _letters_beyond(n: int) -> re.Pattern[bytes]:
    """A pattern for a cell reference whose column is beyond column ``n`` (0: any column): more letters, or as
    many letters and greater at the first letter that differs.

    It starts at the literal ``r="`` — whatever whitespace stands before it — so the engine skips ahead at
    memchr speed; another attribute ending in "r" with such a value only sends that chunk to the exact read."""
    if n == 0:
        return re.compile(rb'r="[A-Z]')
    letters = _column_letters(n)
    options = [f"[A-Z]{{{len(letters) + 1},3}}"] if len(letters) < 3 else []
    for i, ch in enumerate(letters):
        if ch != "Z":
            rest = len(letters) - i - 1
            options.append(f"{letters[:i]}[{chr(ord(ch) + 1)}-Z]" + (f"[A-Z]{{{rest}}}" if rest else ""))
    if not options:
        return re.compile(rb"(?!)")  # XFD is the last column; nothing lies beyond ZZZ either
    return re.compile(f'r="(?:{"|".join(options)})[0-9]'.encode())


@dataclass
class SheetExtent:
    """How far a sheet really reaches, read from its XML as it is inflated (no reader involved).

    Per chunk: the cells are counted as their tags, the row numbers found, and a search for any cell beyond
    the farthest column seen so far — which in an ordinary sheet finds nothing after the first chunk, so the
    scan costs a few C-speed passes over the bytes and no Python work per cell; when it finds one, that chunk's
    columns are read exactly. Together they give the grid a reader would build.
    """

    member: str
    rows: int = 0  # the farthest row number seen (1-based)
    columns: int = 0  # the farthest column number seen
    cells: int = 0
    _edge: bytes = field(default=b"", repr=False)
    _beyond: re.Pattern[bytes] | None = field(default=None, repr=False)

    def feed(self, chunk: bytes) -> None:
        data = self._edge + chunk
        self.cells += chunk.count(b"<c")  # <c …> and <c/>; <col>/<cfRule> outside the data add a few
        beyond = self._beyond or _letters_beyond(self.columns)
        if beyond.search(data):
            found = set(_CELL_COLUMN.findall(data))
            if found:
                self.columns = max(self.columns, max(map(_column_number, found)))
                beyond = _letters_beyond(self.columns)
        self._beyond = beyond
        rows = _ROW_REF.findall(data)
        if rows:
            self.rows = max(self.rows, max(map(int, rows)))
        self._edge = data[-_EDGE:]

    @property
    def far_cell(self) -> str:
        """Where the grid ends, as Excel names a cell (XFD1048576)."""
        return f"{_column_letters(max(self.columns, 1))}{max(self.rows, 1)}"


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet member path (lower case) → the name the officer sees on its tab; {} when it cannot be told."""
    from defusedxml.ElementTree import fromstring

    try:
        book = fromstring(zf.read("xl/workbook.xml"))
        rels = fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except Exception:  # names only improve a message: a file without them is judged on its own later
        return {}
    targets = {r.get("Id"): r.get("Target") or "" for r in rels}
    names = {}
    for el in book.iter():
        if el.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if k.rsplit("}", 1)[-1] == "id"), None)
        target = targets.get(rid, "")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        names[path.lower()] = el.get("name") or ""
    return names


def _check_extent(p: Path, extent: SheetExtent, name: str, limits: Limits) -> None:
    """Refuse a sheet that a reader could not hold: too many rows, columns or cells, or a far-away cell."""
    where = f"“{p.name}”的工作表“{name}”" if name else f"“{p.name}”的一个工作表"
    if extent.rows > limits.max_rows + limits.header_rows:
        raise UnsafeFile(
            f"{where}有{extent.rows}行（最远到 {extent.far_cell}），超过单次导入上限{limits.max_rows}行。"
            "请分成几个文件导入；若表中并没有这么多行，请删除末尾的空行或格式后另存。"
        )
    if extent.columns > limits.max_columns:
        raise UnsafeFile(
            f"{where}有{extent.columns}列（最远到 {extent.far_cell}），超过上限{limits.max_columns}列。"
            "若表中并没有这么多列，请删除右侧的空列或格式后另存。"
        )
    if extent.cells > limits.max_cells or extent.rows * extent.columns > limits.max_cells:
        raise UnsafeFile(
            f"{where}范围过大（{extent.rows}行×{extent.columns}列，最远到 {extent.far_cell}），"
            f"超过可安全读取的{limits.max_cells}个单元格。请只保留要导入的数据区域后另存，或分成几个文件导入。"
        )


def _size_text(n: int) -> str:
    return f"{n / _MB:.1f} MB" if n >= _MB else f"{max(1, n // 1024)} KB"


def check_file(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> str:
    """Refuse an unsafe or unreadable file (:class:`UnsafeFile`); return its kind, ``"xlsx"`` or ``"csv"``."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".xlsb":
        raise UnsafeFile(
            f"“{p.name}”是 Excel 二进制工作簿（.xlsb），无法直接导入。"
            "请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后再导入。"
        )
    if suffix in (".xlsm", ".xltm", ".xlam"):
        raise UnsafeFile(
            f"“{p.name}”是启用宏的工作簿（{suffix}），为安全起见不予导入。"
            "请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后再导入。"
        )
    if suffix in (".xls", ".et", ".ett", ".xlt"):
        raise UnsafeFile(
            f"“{p.name}”是旧版 Excel 或 WPS 表格格式（{suffix}），无法直接导入。"
            "请在 WPS 或 Excel 中“另存为”Excel 工作簿（.xlsx）后再导入。"
        )
    if suffix not in (".xlsx", ".csv", ".txt"):
        raise UnsafeFile(f"不支持“{suffix or '无扩展名'}”文件，请使用 .xlsx 或 .csv 文件。")
    if p.is_dir():
        raise UnsafeFile(f"“{p.name}”是一个文件夹，不是文件。请选择要导入的文件。")
    try:
        size = p.stat().st_size
        with p.open("rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise UnsafeFile(f"找不到文件“{p}”。") from None
    except OSError as exc:
        raise UnsafeFile(f"无法读取文件“{p.name}”：{os_reason(exc)}。") from None
    if size > limits.max_file_bytes:
        raise UnsafeFile(
            f"文件“{p.name}”大小为{_size_text(size)}，超过导入上限"
            f"{_size_text(limits.max_file_bytes)}。请分成几个文件导入。"
        )
    if head.startswith(_OLE_SIGNATURE):
        raise UnsafeFile(_ole_message(p))
    if suffix == ".xlsx":
        if size == 0 or not head.startswith(_ZIP_SIGNATURE[:2]):
            raise UnsafeFile(f"“{p.name}”不是有效的 .xlsx 文件（内容不是 Excel 工作簿格式）。")
        try:
            _check_zip(p, limits)
        except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, NotImplementedError, OSError):
            # A damaged zip directory or member header reaches the zip layer's own (English) errors.
            raise _damaged(p) from None
        return XLSX
    return CSV


def _ole_message(p: Path) -> str:
    # Encrypted .xlsx files are OLE containers holding an EncryptionInfo stream; plain OLE files are old .xls.
    with p.open("rb") as f:
        head = f.read(4 * _MB)
    if "EncryptionInfo".encode("utf-16-le") in head:
        return f"“{p.name}”设置了打开密码（已加密），无法读取。请在 Excel 中取消密码并另存为 .xlsx 后再导入。"
    return f"“{p.name}”是旧版 Excel 97-2003 格式或其他二进制文件。请在 Excel 中另存为 .xlsx 后再导入。"


def _not_a_workbook(p: Path, names: set[str]) -> str:
    """A zip of Office XML that is not a workbook: most often another Office file renamed to .xlsx."""
    for part, kind in (("word/document.xml", "Word 文档"), ("ppt/presentation.xml", "PowerPoint 演示文稿")):
        if part in names:
            return f"“{p.name}”实际上是{kind}（扩展名被改成了 .xlsx），不是 Excel 工作簿，无法导入。"
    return f"“{p.name}”不是 Excel 工作簿（其中没有工作表），无法导入。请在 Excel 或 WPS 中另存为 .xlsx 后再导入。"


def _damaged(p: Path) -> UnsafeFile:
    return UnsafeFile(f"“{p.name}”不完整或已损坏（可能下载或复制未完成），无法读取。请重新获取文件。")


def _check_zip(p: Path, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
            if len(infos) > limits.max_members:
                raise UnsafeFile(f"“{p.name}”包含{len(infos)}个内部部件，超过上限{limits.max_members}，不予导入。")
            names = {i.filename.lower() for i in infos}
            if any(n.endswith("vbaproject.bin") for n in names):
                raise UnsafeFile(f"“{p.name}”含有宏（VBA 代码），为安全起见不予导入。请另存为不含宏的 .xlsx 后再导入。")
            if "[content_types].xml" not in names:
                raise UnsafeFile(f"“{p.name}”不是有效的 .xlsx 文件（缺少内容类型说明）。")
            if "xl/workbook.xml" not in names:
                raise UnsafeFile(_not_a_workbook(p, names))
    except zipfile.BadZipFile:
        raise _damaged(p) from None
    total = 0
    with p.open("rb") as f:
        for info in infos:
            if info.flag_bits & 0x1:
                raise UnsafeFile(f"“{p.name}”的内容已加密，无法读取。请取消密码后再导入。")
            extent = SheetExtent(info.filename) if _SHEET_MEMBER.fullmatch(info.filename) else None
            total += _inflate_member(f, p, info, limits, limits.max_unzipped_bytes - total, extent)
            if extent is not None:
                try:
                    _check_extent(p, extent, "", limits)
                except UnsafeFile:
                    with zipfile.ZipFile(p) as zf:
                        name = _sheet_names(zf).get(info.filename.lower(), "")
                    _check_extent(p, extent, name, limits)
                    raise
    with zipfile.ZipFile(p) as zf:
        types = zf.read(next(i for i in infos if i.filename.lower() == "[content_types].xml"))
    _check_content_types(p, types)


def _inflate_member(
    f, p: Path, info: zipfile.ZipInfo, limits: Limits, budget: int, extent: SheetExtent | None = None
) -> int:
    """Inflate one member in bounded chunks; refuse bombs and DTDs; measure a sheet's ``extent`` on the way;
    return the bytes it really produced."""
    f.seek(info.header_offset)
    header = f.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or not header.startswith(_ZIP_SIGNATURE):
        raise _damaged(p)
    fields = _LOCAL_HEADER.unpack(header)
    name_len, extra_len = fields[-2], fields[-1]
    f.seek(info.header_offset + _LOCAL_HEADER.size + name_len + extra_len)
    if info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
    elif info.compress_type != zipfile.ZIP_STORED:
        raise UnsafeFile(f"“{p.name}”使用了不支持的压缩方式，无法安全读取。请在 Excel 中重新另存为 .xlsx。")
    else:
        inflater = None
    left, produced, consumed, tail = info.compress_size, 0, 0, b""
    crc = 0
    while True:
        if inflater is not None and inflater.unconsumed_tail:
            data = inflater.unconsumed_tail
        elif left > 0:
            data = f.read(min(_CHUNK, left))
            if not data:
                raise _damaged(p)
            left -= len(data)
            consumed += len(data)
        elif inflater is not None and not inflater.eof:
            # All input is in, but the last call stopped at _CHUNK bytes of output with more held back (a long
            # run of one byte): ask for the rest rather than taking a valid member for a truncated one.
            data = b""
        else:
            break
        try:
            out = inflater.decompress(data, _CHUNK) if inflater is not None else data
        except zlib.error:
            raise _damaged(p) from None
        if not data and not out:
            break  # nothing more will come: the member is cut short (judged below)
        produced += len(out)
        crc = zlib.crc32(out, crc)
        if extent is not None and out:
            extent.feed(out)
        if produced > budget:
            raise UnsafeFile(f"“{p.name}”解压后超过{_size_text(limits.max_unzipped_bytes)}，疑似“压缩炸弹”，不予导入。")
        if produced > limits.ratio_floor and produced > limits.max_ratio * max(consumed, 1):
            raise UnsafeFile(f"“{p.name}”的压缩比异常（超过{limits.max_ratio}倍），疑似“压缩炸弹”，不予导入。")
        # Every mark holds "!" in each encoding, and a sheet rarely does: one memchr-speed scan settles most
        # chunks. A mark split across chunks lies within the last 32 bytes before and the first 32 of this one.
        if b"!" in out or b"!" in tail:
            edge = tail + out[:32]
            if any(mark in out or mark in edge for mark in _DTD_MARKS):
                raise UnsafeFile(
                    f"“{p.name}”含有 XML 实体声明（DOCTYPE/ENTITY），正常的 Excel 文件不会有，为安全起见不予导入。"
                )
        tail = (tail + out)[-32:] if len(out) < 32 else out[-32:]
    if inflater is not None and not inflater.eof:
        raise _damaged(p)
    if crc != info.CRC:
        raise _damaged(p)
    return produced


def _check_content_types(p: Path, data: bytes) -> None:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data)
    except DefusedXmlException:
        raise UnsafeFile(f"“{p.name}”含有 XML 实体声明，为安全起见不予导入。") from None
    except Exception:  # any parse failure of this small part means the file is broken
        raise _damaged(p) from None
    for el in root:
        if any(word in (el.get("ContentType") or "").lower() for word in _MACRO_TYPES):
            raise UnsafeFile(f"“{p.name}”是启用宏的工作簿，为安全起见不予导入。请另存为不含宏的 .xlsx 后再导入。")
