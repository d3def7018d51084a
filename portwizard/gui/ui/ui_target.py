# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'target.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_TargetPage(object):
    def setupUi(self, TargetPage):
        if not TargetPage.objectName():
            TargetPage.setObjectName(u"TargetPage")
        self.page_layout = QVBoxLayout(TargetPage)
        self.page_layout.setObjectName(u"page_layout")
        self.intro = QLabel(TargetPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.page_layout.addWidget(self.intro)

        self.target = QListWidget(TargetPage)
        self.target.setObjectName(u"target")

        self.page_layout.addWidget(self.target)

        self.targets_status = QLabel(TargetPage)
        self.targets_status.setObjectName(u"targets_status")
        self.targets_status.setWordWrap(True)

        self.page_layout.addWidget(self.targets_status)

        self.target_buttons = QHBoxLayout()
        self.target_buttons.setObjectName(u"target_buttons")
        self.target_buttons.setContentsMargins(0, 0, 0, 0)
        self.refresh_targets = QPushButton(TargetPage)
        self.refresh_targets.setObjectName(u"refresh_targets")

        self.target_buttons.addWidget(self.refresh_targets)

        self.target_buttons_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.target_buttons.addItem(self.target_buttons_spacer)


        self.page_layout.addLayout(self.target_buttons)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.target__label_label = QLabel(TargetPage)
        self.target__label_label.setObjectName(u"target__label_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.target__label_label)

        self.target__label = QLineEdit(TargetPage)
        self.target__label.setObjectName(u"target__label")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.target__label)


        self.page_layout.addLayout(self.form)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page_layout.addItem(self.bottom_spacer)

#if QT_CONFIG(shortcut)
        self.target__label_label.setBuddy(self.target__label)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.target, self.refresh_targets)
        QWidget.setTabOrder(self.refresh_targets, self.target__label)

        self.retranslateUi(TargetPage)

        QMetaObject.connectSlotsByName(TargetPage)
    # setupUi

    def retranslateUi(self, TargetPage):
        self.intro.setText(QCoreApplication.translate("TargetPage", u"Choose where the numbers should ring at your new provider: an existing line or sub-account, or a new sub-account.", None))
#if QT_CONFIG(accessibility)
        self.target.setAccessibleName(QCoreApplication.translate("TargetPage", u"Line or sub-account that receives the numbers", None))
#endif // QT_CONFIG(accessibility)
        self.targets_status.setText("")
        self.refresh_targets.setText(QCoreApplication.translate("TargetPage", u"&Reload list", None))
#if QT_CONFIG(accessibility)
        self.refresh_targets.setAccessibleName(QCoreApplication.translate("TargetPage", u"Reload the list of lines from your provider", None))
#endif // QT_CONFIG(accessibility)
        self.target__label_label.setText(QCoreApplication.translate("TargetPage", u"Name of the new sub-&account:", None))
#if QT_CONFIG(accessibility)
        self.target__label.setAccessibleName(QCoreApplication.translate("TargetPage", u"Name of the new sub-account", None))
#endif // QT_CONFIG(accessibility)
        self.target__label.setPlaceholderText(QCoreApplication.translate("TargetPage", u"e.g. Front desk", None))
        pass
    # retranslateUi

