"""Untrusted files: zip and XML bombs, macros, encrypted and truncated files are refused before parsing."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zipfile
import zlib

import openpyxl
import pytest

from jjdesk.services.imports.safety import Limits, UnsafeFile, check_file
from jjdesk.services.imports.table_reader import read_sheets

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    b'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
)


@pytest.fixture
def good_xlsx(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["企业名称", "企业类型"])
    ws.append(["台州甲公司", "外贸公司"])
    path = tmp_path / "good.xlsx"
    wb.save(path)
    return path


def _rewrite(src, dst, replace=None, extra=()):
    """Copy a zip, replacing members (name → bytes) and adding (name, bytes) members."""
    replace = replace or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
        for name, data in extra:
            zout.writestr(name, data)
    return dst


def _zip_bomb(good, dst, megabytes=256, lie=False):
    """A valid workbook plus one member of zeros that inflates ~1000× (optionally with forged small sizes)."""
    _rewrite(good, dst)
    with zipfile.ZipFile(dst, "a", zipfile.ZIP_DEFLATED) as z, z.open("xl/worksheets/sheet9.xml", "w") as f:
        block = b"\0" * (1 << 20)
        for _ in range(megabytes):
            f.write(block)
    if lie:  # claim the member inflates to 1 KB, as a real bomb does to pass a directory-only check
        data = bytearray(dst.read_bytes())
        name = b"xl/worksheets/sheet9.xml"
        at = data.find(b"PK\x01\x02")
        while at != -1:
            if data[at + 46 : at + 46 + len(name)] == name:
                data[at + 24 : at + 28] = (1024).to_bytes(4, "little")
            at = data.find(b"PK\x01\x02", at + 4)
        dst.write_bytes(bytes(data))
        with zipfile.ZipFile(dst) as z:
            assert z.getinfo(name.decode()).file_size == 1024
    return dst


def test_a_good_file_passes(good_xlsx):
    assert check_file(good_xlsx) == "xlsx"
    assert read_sheets(good_xlsx)[0].rows[1] == ["台州甲公司", "外贸公司"]


@pytest.mark.parametrize("lie", [False, True])
def test_zip_bomb_is_refused_quickly_with_bounded_memory(good_xlsx, tmp_path, lie):
    bomb = _zip_bomb(good_xlsx, tmp_path / "bomb.xlsx", lie=lie)
    assert bomb.stat().st_size < 2_000_000
    code = (
        "import sys,time,json\nfrom jjdesk.services.imports.safety import check_file, UnsafeFile\n"
        "t=time.perf_counter()\ntry:\n    check_file(sys.argv[1]); msg=''\n"
        "except UnsafeFile as e:\n    msg=str(e)\n"
        # VmHWM, not ru_maxrss: after fork+exec ru_maxrss starts from the parent's (pytest's) peak.
        "hwm=[l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(json.dumps({'s': time.perf_counter()-t, 'mb': int(hwm)/1024, 'msg': msg}, ensure_ascii=False))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(bomb)], capture_output=True, text=True, timeout=120)
    report = json.loads(out.stdout)
    assert "压缩炸弹" in report["msg"]
    # Inflating the bomb would take minutes and gigabytes; refusing it takes well under a second on a quiet
    # machine. The ceiling is generous because this machine is shared: it separates "refused" from "inflated".
    assert report["s"] < 15.0 and report["mb"] < 250, report


def test_total_inflated_size_limit(good_xlsx, tmp_path):
    bomb = _zip_bomb(good_xlsx, tmp_path / "big.xlsx", megabytes=8)
    with pytest.raises(UnsafeFile, match="解压后超过"):
        check_file(bomb, Limits(max_unzipped_bytes=4 << 20, max_ratio=10_000))


def test_xml_bomb_is_refused(good_xlsx, tmp_path):
    bomb = _rewrite(good_xlsx, tmp_path / "laughs.xlsx", extra=[("xl/sharedStrings.xml", BILLION_LAUGHS)])
    started = time.perf_counter()
    with pytest.raises(UnsafeFile, match="DOCTYPE"):
        read_sheets(bomb)
    assert time.perf_counter() - started < 10.0  # an expanded entity bomb would not finish at all
    # The DTD is refused wherever it is, the content-types part included (parsed with defusedxml).
    types = _rewrite(
        good_xlsx, tmp_path / "types.xlsx", replace={"[Content_Types].xml": BILLION_LAUGHS.replace(b"<sst", b"<Types")}
    )
    with pytest.raises(UnsafeFile):
        check_file(types)
    # Defence in depth if openpyxl ever reads a file: its sheet parser goes through defusedxml.
    assert openpyxl.DEFUSEDXML is True


def test_utf16_doctype_is_refused_too(good_xlsx, tmp_path):
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'.encode("utf-16-le")
    bomb = _rewrite(good_xlsx, tmp_path / "u16.xlsx", extra=[("xl/sharedStrings.xml", xml)])
    with pytest.raises(UnsafeFile, match="DOCTYPE"):
        check_file(bomb)


def test_macros_are_refused(good_xlsx, tmp_path):
    xlsm = tmp_path / "m.xlsm"
    xlsm.write_bytes(good_xlsx.read_bytes())
    with pytest.raises(UnsafeFile, match="启用宏"):
        check_file(xlsm)
    vba = _rewrite(good_xlsx, tmp_path / "vba.xlsx", extra=[("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")])
    with pytest.raises(UnsafeFile, match="宏"):
        check_file(vba)
    with zipfile.ZipFile(good_xlsx) as z:
        types = z.read("[Content_Types].xml").replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
    typed = _rewrite(good_xlsx, tmp_path / "typed.xlsx", replace={"[Content_Types].xml": types})
    with pytest.raises(UnsafeFile, match="启用宏"):
        check_file(typed)


def test_encrypted_and_old_binary_files(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500
    encrypted = tmp_path / "secret.xlsx"
    encrypted.write_bytes(ole + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100)
    with pytest.raises(UnsafeFile, match="打开密码"):
        check_file(encrypted)
    old = tmp_path / "old.xlsx"
    old.write_bytes(ole)
    with pytest.raises(UnsafeFile, match="97-2003"):
        check_file(old)


@pytest.mark.parametrize("keep", [0.5, 0.98])
def test_truncated_file_gives_a_clear_message(good_xlsx, tmp_path, keep):
    data = good_xlsx.read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(UnsafeFile, match="不完整或已损坏"):
        read_sheets(cut)


def test_damaged_member_is_caught(good_xlsx, tmp_path):
    data = bytearray(good_xlsx.read_bytes())
    with zipfile.ZipFile(good_xlsx) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + 5
    data[start : start + 20] = b"\xff" * 20
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(bytes(data))
    with pytest.raises(UnsafeFile, match="不完整或已损坏"):
        check_file(bad)


def test_size_row_and_kind_limits(good_xlsx, tmp_path):
    with pytest.raises(UnsafeFile, match="超过导入上限"):
        check_file(good_xlsx, Limits(max_file_bytes=100))
    rows = tmp_path / "rows.csv"
    rows.write_text("企业名称\n" + "甲\n" * 60, encoding="utf-8")
    with pytest.raises(UnsafeFile, match="超过单次导入上限10行"):
        read_sheets(rows, Limits(max_rows=10))
    fake = tmp_path / "fake.xlsx"
    fake.write_text("企业名称,企业类型", encoding="utf-8")
    with pytest.raises(UnsafeFile, match=r"不是有效的 \.xlsx"):
        check_file(fake)
    with pytest.raises(UnsafeFile, match="不支持"):
        check_file(tmp_path / "x.doc")


def test_deflate_is_really_bounded():
    # The chunked inflater never holds more than a chunk: a sanity check of the zlib API we rely on.
    d = zlib.decompressobj(-15)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = c.compress(b"\0" * (8 << 20)) + c.flush()
    assert len(d.decompress(data, 1 << 16)) == 1 << 16 and d.unconsumed_tail


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("shift", [0, 1, 5, 9, 17])
def test_a_doctype_split_across_inflated_chunks_is_found(good_xlsx, tmp_path, encoding, shift):
    """The scan reads each member in 64 KiB chunks; a DTD mark straddling two chunks is refused all the same
    (the quick "!" test per chunk must not let it through)."""
    from jjdesk.services.imports import safety

    mark = "<!DOCTYPE".encode(encoding)
    pad = safety._CHUNK - shift
    member = b" " * pad + mark + b" " * 100  # stored uncompressed below, so chunks split exactly at _CHUNK
    dst = tmp_path / f"split-{encoding}-{shift}.xlsx"
    with zipfile.ZipFile(good_xlsx) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr(zipfile.ZipInfo("xl/extra.xml"), member, compress_type=zipfile.ZIP_STORED)
    with pytest.raises(UnsafeFile, match="DOCTYPE"):
        check_file(dst)
    # A "!" alone (text in a cell) is fine — and a long run of one byte, whose output zlib holds back past the
    # last input chunk, is a complete member, not a truncated one.
    harmless = tmp_path / f"bang-{encoding}-{shift}.xlsx"
    _rewrite(good_xlsx, harmless, extra=[("xl/extra.xml", b" " * pad + "<x>好!</x>".encode(encoding))])
    assert check_file(harmless) == "xlsx"
