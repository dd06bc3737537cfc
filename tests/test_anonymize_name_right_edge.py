"""A name with a middle dot ends before the verb, preposition or function word that follows it with no
stop between (issue #19): the name goes, the word after it stays readable, and a long given name made
of name characters stays whole."""
import pytest

from anonymize import Deidentifier
from anonymize.names import dotted_names


def scrub(text):
    return Deidentifier("right-edge-key").text(text)


@pytest.mark.parametrize("text, name, after", [
    ("会议商定，村民吐尔洪·买买提负责联络施工方。", "吐尔洪·买买提", "负责联络"),
    ("牧民努尔兰·巴合提就草场补偿来访。", "努尔兰·巴合提", "就草场"),
    ("居民热合曼·吐逊就2组水渠问题来访。", "热合曼·吐逊", "就2组"),
    ("患者古丽娜·艾力表示已按时服药。", "古丽娜·艾力", "表示已按时"),
    ("居民阿依夏·肉孜您好，请带证件到社区。", "阿依夏·肉孜", "您好"),
    ("申请人帕丽达·吐逊诉称其补贴未到账。", "帕丽达·吐逊", "诉称"),
    ("务工人员买买提·伊敏也拿到了欠薪。", "买买提·伊敏", "也拿到了"),
])
def test_the_word_after_a_dotted_name_stays(text, name, after):
    out = scrub(text)
    assert name not in out and name.split("·")[1] not in out
    assert after in out


@pytest.mark.parametrize("text, name", [
    ("户主：艾合买提江·阿不都热合曼，男。", "艾合买提江·阿不都热合曼"),
    ("承包户：阿依古丽·阿不都热依木，女。", "阿依古丽·阿不都热依木"),
])
def test_a_long_given_name_stays_whole(text, name):
    assert [n for _, n in dotted_names(text)] == [name]
    assert name.split("·")[1][-2:] not in scrub(text)


def test_the_dotted_run_stops_at_the_verb():
    assert [n for _, n in dotted_names("阿不来提·沙吾提说下周交材料")] == ["阿不来提·沙吾提"]
    assert [n for _, n in dotted_names("村民艾尼·吐尔地把合同送来了")] == ["艾尼·吐尔地"]


@pytest.mark.parametrize("text, name", [
    ("市民：喂，我是侯宝林呀，家里水管又坏了", "侯宝林"),
    ("来电人：喂，我系欧阳敏啊，住在河西街", "欧阳敏"),
    ("群众：你好，我是邝丽啊，上回反映的事", "邝丽"),
])
def test_a_modal_particle_after_a_name_stays(text, name):
    out = Deidentifier("right-edge-key", user_text=True).text(text)
    assert name not in out
    assert text.split(name)[1][:2] in out  # the particle and what follows it are kept
