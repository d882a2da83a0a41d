<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>HomePage</name>
        <message>
            <source>Jiaojiang Digital Economy Ledger</source>
            <translation>椒江数字经济工作台账</translation>
        </message>
        <message>
            <source>Database file</source>
            <translation>数据库文件</translation>
        </message>
        <message>
            <source>Schema version</source>
            <translation>数据结构版本</translation>
        </message>
        <message>
            <source>Platform enterprises</source>
            <translation>平台入驻企业</translation>
        </message>
        <message>
            <source>Initiatives</source>
            <translation>工作举措</translation>
        </message>
        <message>
            <source>Statistics figures</source>
            <translation>统计数据</translation>
        </message>
        <message>
            <source>Audit entries</source>
            <translation>修改记录条数</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Jiaojiang Digital Economy Ledger</source>
            <translation>椒江数字经济工作台账</translation>
        </message>
        <message>
            <source>&amp;Open Database…</source>
            <translation>打开数据库(&amp;O)…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;New Record</source>
            <translation>新建记录(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>保存(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Delete…</source>
            <translation>删除(&amp;D)…</translation>
        </message>
        <message>
            <source>&amp;Find</source>
            <translation>查找(&amp;F)</translation>
        </message>
        <message>
            <source>Paste Rows from Excel…</source>
            <translation>从 Excel 粘贴行…</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>刷新(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;About jjdesk</source>
            <translation>关于 jjdesk(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>撤销(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>重做(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation>最近打开(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Settings</source>
            <translation>设置(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>语言(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>The language will change the next time jjdesk starts.</source>
            <translation>界面语言将在下次启动 jjdesk 时生效。</translation>
        </message>
        <message>
            <source>About jjdesk</source>
            <translation>关于 jjdesk</translation>
        </message>
        <message>
            <source>Jiaojiang Digital Economy Ledger %1</source>
            <translation>椒江数字经济工作台账 %1</translation>
        </message>
        <message>
            <source>Open Database</source>
            <translation>打开数据库</translation>
        </message>
        <message>
            <source>jjdesk database (*.db);;All files (*)</source>
            <translation>jjdesk 数据库 (*.db);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Cannot open database</source>
            <translation>无法打开数据库</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>（无）</translation>
        </message>
        <message>
            <source>Database: %1</source>
            <translation>数据库：%1</translation>
        </message>
        <message>
            <source>User: %1 (%2)</source>
            <translation>用户：%1（%2）</translation>
        </message>
        <message>
            <source>Enterprises %1 · Initiatives %2 · Figures %3</source>
            <translation>企业 %1 · 举措 %2 · 统计数据 %3</translation>
        </message>
    </context>
    <context>
        <name>PageRegistry</name>
        <message>
            <source>Overview</source>
            <translation>概览</translation>
        </message>
        <message>
            <source>Review</source>
            <translation>审核</translation>
        </message>
        <message>
            <source>Review and submission arrive in a later version.</source>
            <translation>审核与上报功能将在后续版本提供。</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>汇总</translation>
        </message>
        <message>
            <source>Dashboards and cross-tabs arrive in a later version.</source>
            <translation>汇总图表与透视表将在后续版本提供。</translation>
        </message>
    </context>
    <context>
        <name>PastePreviewDialog</name>
        <message>
            <source>Paste Rows from Excel</source>
            <translation>从 Excel 粘贴行</translation>
        </message>
        <message>
            <source>(do not import)</source>
            <translation>（不导入）</translation>
        </message>
        <message>
            <source>The first row was read as column headers; each column's field can be changed in the box under its header.</source>
            <translation>已将第一行识别为表头；可在各列标题下方的下拉框中更改该列对应的字段。</translation>
        </message>
        <message>
            <source>No header row was found: columns are taken in the order of the enterprise table's visible columns. Change a column's field in the box under its header.</source>
            <translation>未识别到表头：各列按企业表当前显示的列顺序对应。可在各列标题下方的下拉框中更改该列对应的字段。</translation>
        </message>
        <message>
            <source>Insert</source>
            <translation>插入</translation>
        </message>
        <message>
            <source>Nothing to insert: the pasted text holds no rows.</source>
            <translation>没有可插入的内容：粘贴的文本中没有数据行。</translation>
        </message>
        <message>
            <source>%1 rows, all valid</source>
            <translation>共 %1 行，全部有效</translation>
        </message>
        <message>
            <source>%1 rows, %2 valid, %3 with errors</source>
            <translation>共 %1 行，有效 %2 行，%3 行有错误</translation>
        </message>
        <message>
            <source>; %1 column problems to resolve first</source>
            <translation>；另有 %1 个列问题需先处理</translation>
        </message>
        <message>
            <source>Fix every marked problem first.</source>
            <translation>请先改正所有标出的问题。</translation>
        </message>
        <message>
            <source>Problems (click one to go to the cell)</source>
            <translation>问题（点击可定位到单元格）</translation>
        </message>
        <message>
            <source>… and %1 more (marked in red in the table)</source>
            <translation>……另有 %1 个问题（已在表格中标红）</translation>
        </message>
        <message>
            <source>Nothing was inserted</source>
            <translation>未插入任何数据</translation>
        </message>
        <message>
            <source>Rows inserted</source>
            <translation>已插入</translation>
        </message>
        <message>
            <source>%1 enterprises were added as drafts.</source>
            <translation>已新增 %1 家企业（草稿）。</translation>
        </message>
    </context>
    <context>
        <name>_PreviewModel</name>
        <message>
            <source>This column is not imported.</source>
            <translation>此列不导入。</translation>
        </message>
        <message>
            <source>Column %1</source>
            <translation>第%1列</translation>
        </message>
    </context>
    <context>
        <name>app</name>
        <message>
            <source>Cannot open database</source>
            <translation>无法打开数据库</translation>
        </message>
    </context>
</TS>
