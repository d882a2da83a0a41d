"""How every workbook the app writes is written: atomic files, the government-table styles and page layout,
and the general list writer. Knows nothing of records; the exports, the cross-tab and the 上报 workbook use it."""
