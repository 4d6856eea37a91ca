"""The words that ask for each kind of action in Chinese, Japanese and Korean (data only),
and the innocent compounds that hold one of them without asking for anything.

Chinese and Japanese entries match inside the text (no spaces between words); Korean
entries are ``stem*`` (its endings attach to the word).
"""

from __future__ import annotations

from typing import Final

from clawkeep.policy._intent_kinds import Table

__all__ = ["INNOCENT", "JA", "KO", "ZH"]

# fmt: off
ZH: Final[Table] = {
    "sends_outside": (
        "发送", "發送", "发给", "發給", "转发", "轉發", "回复", "回覆", "答复", "支付", "付款",
        "转账", "轉帳", "汇款",
        "匯款", "邀请", "邀請", "分享", "发布", "發布", "通知", "预订", "預訂",
    ),
    "writes_workspace": (
        "保存", "储存", "儲存", "写入", "寫入", "创建", "創建", "新建", "添加", "记下", "記下",
        "编辑", "編輯", "修改",
        "更新", "复制", "複製", "移动", "移動", "重命名", "记录", "記錄",
    ),
    "destroys": ("删除", "刪除", "删掉", "刪掉", "取消", "移除", "清空", "清除", "抹掉"),
    "executes_code": (
        "运行", "運行", "执行", "執行", "构建", "構建", "编译", "編譯", "安装", "安裝", "启动",
        "啟動", "测试", "測試",
    ),
    "controls_gateway": ("重启", "重啟", "配置"),
    "calendar": ("日历", "日曆", "会议", "會議", "约会", "約會", "日程", "活动"),
    "schedule": ("添加", "加到", "加入", "安排", "预订", "預訂", "创建", "新建"),
}

JA: Final[Table] = {
    "sends_outside": (
        "送って", "送信", "送る", "転送", "返信", "返事", "支払", "払って", "振り込", "招待",
        "共有", "投稿", "予約", "通知",
    ),
    "writes_workspace": (
        "保存", "書いて", "書き込", "作成", "作って", "追加", "登録", "メモ", "編集", "更新",
        "変更", "コピー", "移動",
    ),
    "destroys": ("削除", "消去", "取り消", "取消", "キャンセル", "除去", "捨てて"),
    "executes_code": ("実行", "走らせ", "ビルド", "インストール", "コンパイル", "起動", "テスト"),
    "controls_gateway": ("再起動", "設定変更", "設定を変更"),
    "calendar": ("カレンダー", "予定", "会議", "ミーティング", "イベント", "打ち合わせ"),
    "schedule": ("入れて", "追加", "登録", "予約", "作成", "設定"),
}

KO: Final[Table] = {
    "sends_outside": (
        "보내*", "전송*", "전달*", "답장*", "회신*", "답변*", "결제*", "지불*", "송금*", "이체*",
        "초대*", "공유*",
        "게시*", "예약*",
    ),
    "writes_workspace": (
        "저장*", "작성*", "써줘", "만들*", "생성*", "추가*", "기록*", "메모*", "편집*", "수정*",
        "업데이트*", "복사*",
        "변경*",
    ),
    "destroys": ("삭제*", "지워*", "지우기", "지우고", "취소*", "제거*"),
    "executes_code": ("실행*", "빌드*", "설치*", "컴파일*", "테스트*"),
    "controls_gateway": ("재시작*", "재부팅*"),
    "calendar": ("캘린더*", "달력*", "일정*", "회의*", "미팅*", "약속*"),
    "schedule": ("추가*", "넣어*", "잡아*", "등록*", "예약*"),
}

# Words that hold a trigger as a substring but mean something else (a CEO, a contest, a
# building): blanked out before the substring match, so they ask for nothing.
INNOCENT: Final = (
    "首席执行官", "首席執行官", "执行官", "執行官", "执行董事", "執行董事",
    "取消息", "取消费", "运行李", "幸运行", "命运行",
    "消去法", "コンテスト", "プロテスト", "ビルディング", "実行委員", "テストステロン",
)
# fmt: on
