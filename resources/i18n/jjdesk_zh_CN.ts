<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>ChoiceEditor</name>
        <message>
            <source>Please choose</source>
            <translation>请选择</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>Changed by someone else</source>
            <translation>记录已被他人修改</translation>
        </message>
        <message>
            <source>another user</source>
            <translation>其他用户</translation>
        </message>
        <message>
            <source>This record was changed by %1 after you opened it (you opened version %2; the database now holds version %3). Your changes have not been saved.</source>
            <translation>您打开此记录后，%1 修改了它（您打开的是第%2版，数据库中现为第%3版）。您的修改尚未保存。</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>字段</translation>
        </message>
        <message>
            <source>Your value</source>
            <translation>您的值</translation>
        </message>
        <message>
            <source>Current value in the database</source>
            <translation>数据库中的当前值</translation>
        </message>
        <message>
            <source>(empty)</source>
            <translation>（空）</translation>
        </message>
        <message>
            <source>Both you and the other user changed this field.</source>
            <translation>您和对方都修改了此字段。</translation>
        </message>
        <message>
            <source>Highlighted fields were changed by both of you.</source>
            <translation>标黄的字段双方都修改过。</translation>
        </message>
        <message>
            <source>The other user also changed: %1 (kept either way).</source>
            <translation>对方还修改了：%1（无论如何选择都会保留）。</translation>
        </message>
        <message>
            <source>Reload (discard my changes)</source>
            <translation>重新载入（放弃我的修改）</translation>
        </message>
        <message>
            <source>Keep my changes and overwrite</source>
            <translation>保留我的修改并覆盖</translation>
        </message>
        <message>
            <source>Saves the fields listed above over the current version.</source>
            <translation>将上表所列字段按当前版本重新保存，覆盖对方的值。</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
    </context>
    <context>
        <name>DateEditor</name>
        <message>
            <source>e.g. %1</source>
            <translation>如 %1</translation>
        </message>
        <message>
            <source>Pick a date (Alt+Down)</source>
            <translation>选择日期（Alt+↓）</translation>
        </message>
    </context>
    <context>
        <name>EnterpriseForm</name>
        <message>
            <source>Basic information</source>
            <translation>基本信息</translation>
        </message>
        <message>
            <source>Platform services</source>
            <translation>平台服务</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>联系方式</translation>
        </message>
        <message>
            <source>Business</source>
            <translation>经营情况</translation>
        </message>
        <message>
            <source>New enterprise</source>
            <translation>新增企业</translation>
        </message>
    </context>
    <context>
        <name>EnterprisePicker</name>
        <message>
            <source>Search enterprise: name, credit code or contact</source>
            <translation>搜索企业：名称、信用代码或联系人</translation>
        </message>
        <message>
            <source>Role of the enterprise in this initiative</source>
            <translation>企业在本举措中的角色</translation>
        </message>
        <message>
            <source>Link</source>
            <translation>关联</translation>
        </message>
    </context>
    <context>
        <name>EnterprisesPage</name>
        <message>
            <source>Enterprise name</source>
            <translation>企业名称</translation>
        </message>
        <message>
            <source>Credit code</source>
            <translation>统一社会信用代码</translation>
        </message>
        <message>
            <source>Enterprise type</source>
            <translation>企业类型</translation>
        </message>
        <message>
            <source>Industry cluster</source>
            <translation>产业集群</translation>
        </message>
        <message>
            <source>Join date</source>
            <translation>入驻日期</translation>
        </message>
        <message>
            <source>Platform services</source>
            <translation>使用服务</translation>
        </message>
        <message>
            <source>Sales channels</source>
            <translation>跨境渠道</translation>
        </message>
        <message>
            <source>Contact person</source>
            <translation>联系人</translation>
        </message>
        <message>
            <source>Mobile phone</source>
            <translation>手机号码</translation>
        </message>
        <message>
            <source>Exports (10k yuan)</source>
            <translation>年出口额（万元）</translation>
        </message>
        <message>
            <source>Review status</source>
            <translation>审核状态</translation>
        </message>
        <message>
            <source>Last changed</source>
            <translation>更新时间</translation>
        </message>
        <message>
            <source>Search name, credit code or contact</source>
            <translation>搜索企业名称、信用代码或联系人</translation>
        </message>
        <message>
            <source>enterprise types</source>
            <translation>企业类型</translation>
        </message>
        <message>
            <source>industry clusters</source>
            <translation>产业集群</translation>
        </message>
        <message>
            <source>platform services</source>
            <translation>使用服务</translation>
        </message>
        <message>
            <source>review states</source>
            <translation>审核状态</translation>
        </message>
        <message>
            <source>joined from</source>
            <translation>入驻日期起</translation>
        </message>
        <message>
            <source>joined until</source>
            <translation>入驻日期止</translation>
        </message>
    </context>
    <context>
        <name>FilterBar</name>
        <message>
            <source>Search name, credit code or contact</source>
            <translation>搜索企业名称、信用代码或联系人</translation>
        </message>
        <message>
            <source>Clear filters</source>
            <translation>清除筛选</translation>
        </message>
        <message>
            <source>All %1</source>
            <translation>全部%1</translation>
        </message>
        <message>
            <source>Counting…</source>
            <translation>正在统计…</translation>
        </message>
        <message>
            <source>%1 records</source>
            <translation>共 %1 条</translation>
        </message>
    </context>
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
        <name>InitiativeForm</name>
        <message>
            <source>Initiative</source>
            <translation>举措信息</translation>
        </message>
        <message>
            <source>Schedule and funds</source>
            <translation>进度与资金</translation>
        </message>
        <message>
            <source>Factory cultivation</source>
            <translation>工厂培育</translation>
        </message>
        <message>
            <source>Enterprise</source>
            <translation>企业</translation>
        </message>
        <message>
            <source>Milestones</source>
            <translation>里程碑</translation>
        </message>
        <message>
            <source>Target indicators</source>
            <translation>目标指标</translation>
        </message>
        <message>
            <source>Linked enterprises</source>
            <translation>关联企业</translation>
        </message>
        <message>
            <source>New initiative</source>
            <translation>新增工作举措</translation>
        </message>
    </context>
    <context>
        <name>InitiativesPage</name>
        <message>
            <source>Initiative name</source>
            <translation>举措名称</translation>
        </message>
        <message>
            <source>Initiative category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Lead department</source>
            <translation>牵头单位</translation>
        </message>
        <message>
            <source>Person in charge</source>
            <translation>责任人</translation>
        </message>
        <message>
            <source>Start date</source>
            <translation>开始日期</translation>
        </message>
        <message>
            <source>Due date</source>
            <translation>完成时限</translation>
        </message>
        <message>
            <source>Progress status</source>
            <translation>进展状态</translation>
        </message>
        <message>
            <source>Funds (10k yuan)</source>
            <translation>资金（万元）</translation>
        </message>
        <message>
            <source>Review status</source>
            <translation>审核状态</translation>
        </message>
        <message>
            <source>Search name, lead department or owner</source>
            <translation>搜索举措名称、牵头单位或责任人</translation>
        </message>
        <message>
            <source>initiative categories</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>progress states</source>
            <translation>进展状态</translation>
        </message>
        <message>
            <source>review states</source>
            <translation>审核状态</translation>
        </message>
    </context>
    <context>
        <name>LazyTableModel</name>
        <message>
            <source>Loading…</source>
            <translation>加载中…</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>No</source>
            <translation>否</translation>
        </message>
    </context>
    <context>
        <name>ListPage</name>
        <message>
            <source>Could not load the list</source>
            <translation>列表加载失败</translation>
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
        <name>MultiEditor</name>
        <message>
            <source>Others, separated by 、</source>
            <translation>其他（用顿号“、”分隔）</translation>
        </message>
        <message>
            <source>Other %1</source>
            <translation>其他%1</translation>
        </message>
    </context>
    <context>
        <name>PageRegistry</name>
        <message>
            <source>Overview</source>
            <translation>概览</translation>
        </message>
        <message>
            <source>Enterprises</source>
            <translation>平台企业</translation>
        </message>
        <message>
            <source>Initiatives</source>
            <translation>工作举措</translation>
        </message>
        <message>
            <source>Statistics</source>
            <translation>年度统计</translation>
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
            <source>Inserting %1 rows…</source>
            <translation>正在插入 %1 行…</translation>
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
        <name>RecordForm</name>
        <message>
            <source>Revert</source>
            <translation>还原</translation>
        </message>
        <message>
            <source>Undo all unsaved changes in this form</source>
            <translation>撤销本表单中所有未保存的修改</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>保存（Ctrl+S）</translation>
        </message>
        <message>
            <source>New record</source>
            <translation>新记录</translation>
        </message>
        <message>
            <source>Please correct the fields marked in red first.</source>
            <translation>请先改正标红的字段。</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>未保存</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>已保存。</translation>
        </message>
        <message>
            <source>Not saved: please correct the fields marked in red.</source>
            <translation>未保存：请改正标红的字段。</translation>
        </message>
        <message>
            <source>Reloaded the current version; your changes were discarded.</source>
            <translation>已重新载入当前版本，您的修改已放弃。</translation>
        </message>
        <message>
            <source>Not saved: the record was changed by someone else.</source>
            <translation>未保存：该记录已被他人修改。</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>未保存的修改</translation>
        </message>
        <message>
            <source>This form has unsaved changes. Discard them?</source>
            <translation>表单中有未保存的修改，是否放弃？</translation>
        </message>
    </context>
    <context>
        <name>RecordHeader</name>
        <message>
            <source>New record, not saved yet</source>
            <translation>新记录，尚未保存</translation>
        </message>
        <message>
            <source>%1 · version %2 · last changed by %3 at %4</source>
            <translation>%1 · 第%2版 · %3 于 %4 修改</translation>
        </message>
        <message>
            <source>Returned: %1</source>
            <translation>退回原因：%1</translation>
        </message>
        <message>
            <source>This record is “%1” and cannot be changed here; a reviewer can return or reopen it.</source>
            <translation>该记录处于“%1”状态，不能在此修改；如需修改，请审核员退回或重新打开。</translation>
        </message>
    </context>
    <context>
        <name>RecordWorkspace</name>
        <message>
            <source>Delete record</source>
            <translation>删除记录</translation>
        </message>
        <message>
            <source>Delete “%1”? The deletion is kept in the change history.</source>
            <translation>确定删除“%1”吗？删除会记入修改记录。</translation>
        </message>
        <message>
            <source>Reason:</source>
            <translation>原因：</translation>
        </message>
        <message>
            <source>Not deleted</source>
            <translation>未删除</translation>
        </message>
        <message>
            <source>Edit “%1”</source>
            <translation>修改“%1”</translation>
        </message>
        <message>
            <source>Cannot undo</source>
            <translation>无法撤销</translation>
        </message>
        <message>
            <source>Paste rows</source>
            <translation>粘贴行</translation>
        </message>
        <message>
            <source>The clipboard is empty. Copy rows in Excel or WPS first.</source>
            <translation>剪贴板为空，请先在 Excel 或 WPS 中复制行。</translation>
        </message>
    </context>
    <context>
        <name>StatisticsPage</name>
        <message>
            <source>Yearly statistics</source>
            <translation>年度统计</translation>
        </message>
        <message>
            <source>Add year</source>
            <translation>添加年份</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>年份</translation>
        </message>
        <message>
            <source>Selected figure</source>
            <translation>所选数据</translation>
        </message>
        <message>
            <source>Required when a final figure changes</source>
            <translation>修改最终核实数时必填</translation>
        </message>
        <message>
            <source>Save figure details</source>
            <translation>保存数据说明</translation>
        </message>
        <message>
            <source>Basis</source>
            <translation>数据性质</translation>
        </message>
        <message>
            <source>Reason for change</source>
            <translation>修改原因</translation>
        </message>
        <message>
            <source>%1 · %2</source>
            <translation>%1年 %2</translation>
        </message>
        <message>
            <source>Select a value or growth cell to see its details.</source>
            <translation>选中数值或增速单元格以查看详情。</translation>
        </message>
        <message>
            <source>no figures yet</source>
            <translation>尚无数据</translation>
        </message>
        <message>
            <source>Year status: %1</source>
            <translation>年度状态：%1</translation>
        </message>
        <message>
            <source>version %1 · last changed by %2 at %3</source>
            <translation>第%1版 · %2 于 %3 修改</translation>
        </message>
        <message>
            <source>%1 earlier version(s) kept</source>
            <translation>保留了%1个历史版本</translation>
        </message>
        <message>
            <source>Type a value or growth in the grid first.</source>
            <translation>请先在表格中填写数值或增速。</translation>
        </message>
        <message>
            <source>Saved %1.</source>
            <translation>已保存：%1。</translation>
        </message>
    </context>
    <context>
        <name>SubTable</name>
        <message>
            <source>Add row</source>
            <translation>添加行</translation>
        </message>
        <message>
            <source>Remove row</source>
            <translation>删除行</translation>
        </message>
    </context>
    <context>
        <name>YearGridModel</name>
        <message>
            <source>Indicator</source>
            <translation>指标</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>Growth (%)</source>
            <translation>增速(%)</translation>
        </message>
        <message>
            <source>Implied (%)</source>
            <translation>推算(%)</translation>
        </message>
        <message>
            <source>Growth implied by last year's value, for comparison only; the reported growth is what was published.</source>
            <translation>按上年数值推算的增速，仅供对照；公布的增速以填报为准。</translation>
        </message>
        <message>
            <source>Implied by last year's value: %1%</source>
            <translation>按上年数值推算：%1%</translation>
        </message>
        <message>
            <source>Differs from the reported growth by more than 0.1 percentage point.</source>
            <translation>与填报增速相差超过0.1个百分点。</translation>
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
