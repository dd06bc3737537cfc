"""Personal numbers in a table's column: the cells under a header that names a staff number, a residence permit,
a social-security card or a travel permit (「姓名 工号 岗位 身份证号…」「房号 租户 居住证号 证件号码…」).

A row's cells are cut at blanks and bars. Cells of a row may hold blanks themselves (an address 「大塘巷4号之1 307房」, a
mobile 「192 3810 8872」), so a row may have more cells than its header: the column is then read from the left and from
the right, and the cell is taken where it has the column's shape (letters and digits for a staff number, a long run of
digits for a permit). The header is the cue, as 「工号：」 is for one number; a cell of another shape says nothing.
"""
import re

# A header cell that names a personal number's column, and the shape its cells take.
_STAFF = re.compile(r"(?:员工|职工)?(?:工号|工牌号|员工编号|职工编号)")
_PERMIT = re.compile(r"(?:居住证|暂住证|社保卡|社会保障卡|社保|医保|回乡证|通行证|台胞证)(?:号码|号|编号|卡号)?")
_STAFF_CELL = re.compile(r"[A-Za-z]{1,4}-?[0-9]{4,12}|[0-9]{5,10}")
# (a permit's digits, a travel permit's letter and digits, a social-security card's letter inside its digits)
_PERMIT_CELL = re.compile(r"[0-9]{8,20}[Xx]?|[A-Za-z][0-9]{8}(?:[0-9]{2})?|[0-9]{6,14}[A-Za-z][0-9]{3,10}")
_SEP = re.compile(r"[ \t\u3000|｜丨¦,，;；]+")


def _cells(line, offset):
    """(start, end, text) of each cell of a line cut at blanks and bars."""
    out, pos = [], 0
    for m in list(_SEP.finditer(line)) + [None]:
        stop = m.start() if m else len(line)
        if stop > pos:
            out.append((offset + pos, offset + stop, line[pos:stop]))
        pos = m.end() if m else stop
    return out


def _columns(header):
    """{index: cell pattern} of the header's personal-number columns."""
    out = {}
    for i, (_s, _e, cell) in enumerate(header):
        if _STAFF.fullmatch(cell):
            out[i] = _STAFF_CELL
        elif _PERMIT.fullmatch(cell):
            out[i] = _PERMIT_CELL
    return out


def _row_cell(row, index, width, pattern):
    """The row's cell in column ``index`` of a ``width``-cell header, read from the left, then from the right."""
    for i in (index, len(row) - width + index):
        if 0 <= i < len(row) and pattern.fullmatch(row[i][2]):
            return row[i]
    return None


def column_numbers(view):
    """(start, end) of the cells under a personal-number column of a table (a header line without digits, three cells
    at least, and the rows below it that hold digits)."""
    out, pos, columns, width = [], 0, {}, 0
    for line in view.split("\n"):
        cells = _cells(line, pos)
        if columns and len(cells) >= width - 1 and re.search(r"[0-9]", line):
            for index, pattern in columns.items():
                cell = _row_cell(cells, index, width, pattern)
                if cell:
                    out.append(cell[:2])
        elif len(cells) >= 3 and not re.search(r"[0-9０-９]", line):
            columns, width = _columns(cells), len(cells)
        else:
            columns = {}
        pos += len(line) + 1
    return out
